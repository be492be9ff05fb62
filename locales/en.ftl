### English. Every language's file has the same messages with the same arguments
### (checked by `server::i18n::tests`). Placeables such as { $school } are filled in by the
### server; a page's script fills { $name } itself.

language-name = English
# ltr or rtl
# The CLDR locale whose date and time conventions this language follows.
dates-locale = en-GB
language-direction = ltr

## The page around everything

app-title = Staff onboarding
language-switch = Language
theme-dark = Dark theme
skip-to-content = Skip to content

## Names of things

role-teacher = Teacher
role-admin_staff = Admin Staff
role-super_admin = Super-Admin
field-email = Email
field-full-name = Full name
field-phone = Phone number
field-username = Username
field-password = Password

## Time

time-under-a-minute = under a minute
time-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
time-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
time-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
time-in = in { $duration }
time-ago = { $duration } ago
time-just-now = just now
time-in-under-a-minute = in under a minute

## What people type, and why it was refused

email-empty = Enter an email address.
email-too-long = An email address can be at most { $max } characters long.
email-no-at = Enter an email address like name@school.org, with one @.
email-bad-local-part = The part before the @ isn't valid. Use letters, digits and . _ % + - ' ! # $ & * / = ? ^ ` {"{"} | {"}"} ~ only, with no dot first, last or twice in a row.
email-bad-domain = The part after the @ must be a domain like school.org.
email-whitespace = An email address can't contain spaces.
name-empty = Enter your full name.
name-too-long = A name can be at most { $max } characters long.
name-control = A name can't contain control characters.
name-invisible = A name can't contain invisible characters, or characters that not every device can show.
phone-empty = Enter a phone number.
phone-no-country-code = Start the number with + and the country code, e.g. +44 7700 900123.
phone-bad-character = Use only digits, spaces, brackets, dots and dashes in a phone number.
phone-too-short = That number is too short: with the country code it needs at least { $min } digits.
phone-too-long = That number is too long: phone numbers have at most { $max } digits.
phone-bad-country-code = A country code never starts with 0.
username-empty = Choose a username.
username-too-short = A username needs at least { $min } characters.
username-too-long = A username can be at most { $max } characters long.
username-start-letter = A username must start with a letter.
username-bad-character = Use only letters, digits, dots, underscores and hyphens in a username.
username-reserved = That username is reserved. Choose another one.
username-taken = That username is taken. Choose another one.
password-empty = Choose a password.
password-too-short = Use at least { $min } characters. A short sentence is easy to remember.
password-too-long = A password can be at most { $max } characters long.
password-contains-username = Your password can't contain your username.
password-contains-email = Your password can't contain the name part of your email address.
password-too-common = That password is too easy to guess. Try a few unrelated words together.
role-unknown = Choose a role: Teacher or Admin Staff.
role-not-invitable = Staff can be invited as Teacher or Admin Staff only.
passkey-name-empty = Give the passkey a name, such as “Work phone”.
passkey-name-too-long = Keep the name to { $max } characters or fewer.
passkey-name-hidden = The name has a character that can't be shown. Type it again without it.

## Refusals

setup-fields = Some details need correcting.
setup-link-dead = This link can no longer be used.
too-many-attempts = Too many attempts. Wait a minute, then try again.
setup-unexpected = Something went wrong on our side. Your details were not saved; please try again.
network-unreachable = We couldn't reach the server. Check your connection and try again.
request-unreadable = This request could not be read ({ $detail }). Nothing was saved.
setup-email-in-use = An account or an invitation already uses this email. Choose another.
passkey-belongs-elsewhere = That passkey already belongs to another account. Create a new one, or use a password.
passkeys-unavailable = Passkeys aren't available on this site. Use a password instead.
passkey-ceremony-stale = That took too long or was already used. Please try again.
passkey-unverified = Your passkey couldn't be checked. Please try again.
passkey-cancelled = No passkey was made or used: the prompt was closed or timed out. Try again, or use a password.
passkey-already-here = This device already has a passkey for this account.
passkey-unsupported = This browser can't use passkeys. Use a password instead.
passkey-device-error = Your device couldn't use a passkey ({ $name }). Try again, or use a password.

## The setup page

setup-title = Set up your account
setup-invited-by = { $role ->
    [teacher] { $inviter } invited you to join as a Teacher.
    [admin_staff] { $inviter } invited you to join the Admin Staff.
   *[other] { $inviter } invited you to join as a Super-Admin.
}
setup-invited = { $role ->
    [teacher] You've been invited to join as a Teacher.
    [admin_staff] You've been invited to join the Admin Staff.
   *[other] You've been invited to join as a Super-Admin.
}
setup-link-until = This link works until { $when }.
setup-email-fixed = Your invitation was sent here; it can't be changed.
setup-email-choose = You'll sign in with this address or your username
setup-phone-hint = With your country code, e.g. +44 7700 900123
setup-username-hint = { $min } to { $max } characters: letters, digits, dots, underscores and hyphens, starting with a letter
password-rule = At least { $min } characters. Any characters work: a short sentence is easy to remember and hard to guess. It can't contain your username or email.
password-progress = { $count } of { $min } characters
password-show = Show
password-hide = Hide
password-strength = Strength: { $strength }
strength-weak = Weak
strength-fair = Fair
strength-good = Good
strength-strong = Strong
username-available = { $name } is available.
username-taken-free = That username is taken. These are free:
username-checking = Checking…
setup-passkey-title = Sign in with a passkey
setup-passkey-hint = Instead of a password, use your fingerprint, face or screen lock. Nothing to remember, and it only works on this site.
setup-passkey-create = Create account with a passkey
setup-use-password = Use a password instead
setup-use-passkey = Use a passkey instead
setup-create = Create account
setup-creating = Creating your account…
setup-waiting-for-passkey = Waiting for your passkey…
problem-title = There is a problem
not-saved-title = Your account was not created.
not-saved-with-details = The link stopped working before your details arrived. Here is what you entered, so you can use it again:
not-saved = The link stopped working before your details arrived.

## A link that doesn't work

link-checking = Checking your link…
link-check-failed = We couldn't check this link
link-invalid-title = This link isn't valid
link-invalid = This link isn't valid. Check that you copied the whole link from the email.
link-expired-title = This link has expired
link-expired = This link expired on { $when }. You can ask for a new one: your school's administrator will be told, and the new link will come by email.
link-used-title = This link has already been used
link-used = This link has already been used to set up an account. Sign in instead.
link-superseded-title = There is a newer link
link-superseded = A newer invitation was sent to you. Use the link in the most recent email.
link-revoked-title = This invitation was withdrawn
link-revoked = This invitation was withdrawn. Contact your school administrator.
link-sign-in = Sign in
link-ask-new = Ask for a new link
link-new-asked = Thank you. Your school's administrator has been told. When they send you a new invitation, use the link in that email.

## Emails

mail-invitation-subject = { $role ->
    [teacher] You're invited to join { $school } as a Teacher
    [admin_staff] You're invited to join { $school } as Admin Staff
   *[other] You're invited to join { $school } as a Super-Admin
}
mail-resend-subject = Your new invitation link for { $school }
mail-invitation-heading = You're invited to join { $school }
mail-hello = Hello,
mail-invited-by = { $role ->
    [teacher] { $inviter } has invited you to join { $school } as a Teacher.
    [admin_staff] { $inviter } has invited you to join { $school } as a member of the Admin Staff.
   *[other] { $inviter } has invited you to join { $school } as a Super-Admin.
}
mail-invited = { $role ->
    [teacher] You have been invited to join { $school } as a Teacher.
    [admin_staff] You have been invited to join { $school } as a member of the Admin Staff.
   *[other] You have been invited to join { $school } as a Super-Admin.
}
mail-set-up-with = Set up your account with this link:
mail-set-up-button = Set up your account
mail-invitation-expires = The link works once and expires { $in } ({ $on }).
mail-new-link = This is a new link: earlier invitation links no longer work.
mail-what-next = You'll add your name and phone number, choose a username, and sign in from then on with a passkey (your fingerprint, face or screen lock) or a password.
mail-copy-link = If the button doesn't work, copy this link into your browser:
mail-invitation-ignore = If you weren't expecting this email, you can ignore it. No account is created unless the link is used.
mail-sign-in-subject = Your sign-in link for { $school }
mail-hello-name = Hello { $name },
mail-sign-in-sent-by = { $sender } sent you a link to sign in to { $school }.
mail-sign-in-asked = Someone asked for a link to sign in to { $school } as { $username }. If it was you, here it is.
mail-sign-in-heading = Your sign-in link
mail-sign-in-button = Sign in
mail-sign-in-expires = It works once and expires { $in } ({ $on }). It lets you add a passkey or set a new password, and signs you out on every other device.
mail-sign-in-ignore = If you didn't ask for this, you can ignore this email: nothing changes unless the link is used.
mail-reminder-subject = Reminder: your invitation to { $school } expires { $in }
mail-reminder-heading = Your invitation to { $school } is waiting for you
mail-reminder-expires = This is the same link as in your invitation email. It works once and stops working { $in } ({ $on }).
mail-digest-subject = { $count ->
    [one] An invitation you sent has expired
   *[other] { $count } invitations you sent have expired
}
mail-digest-heading = Invitations that expired
mail-digest-lead = { $count ->
    [one] This invitation you sent expired before anyone set up an account with it:
   *[other] These invitations you sent expired before anyone set up an account with them:
}
mail-digest-item = { $email }, expired { $on }
mail-digest-more = { $count ->
    [one] and 1 more
   *[other] and { $count } more
}
mail-digest-resend = You'll find them under Expired in Invites, where you can send each one a new link.
mail-digest-button = See expired invitations
mail-digest-turn-off = You get this email at most once a day, only when an invitation you sent has expired. To stop it, turn it off on your account page:

## Failures of the server

unexpected = Something went wrong on our side. Please try again.
outage-unreachable = The database can't be reached right now, so nothing was saved. Please try again in a minute.
outage-cannot-write = The database can't store anything right now (its disk is full or read-only), so nothing was saved. Please tell your administrator.

## The Super-Admin's changes to invitations, refused

invite-language-unknown = Choose one of the languages in the list.
invite-user-exists = A user with this email already exists.
invite-already-invited = This email has already been invited. Use Resend on its row instead.
invite-not-found = That invitation doesn't exist. Reload the list.
invite-resend-limit = { $count ->
    [one] This invitation has already been resent once, the limit. Revoke it and invite again if needed.
   *[other] This invitation has already been resent { $count } times, the limit. Revoke it and invite again if needed.
}
invite-same-email = That is already this invitation's address. To send its link again, use Resend instead.
invite-cannot-resend = { $status ->
    [accepted] Accepted invitations can't be resent.
    [revoked] Revoked invitations can't be resent.
    [expired] Expired invitations can't be resent.
   *[other] Pending invitations can't be resent.
}
invite-cannot-revoke = { $status ->
    [accepted] Accepted invitations can't be revoked.
    [revoked] Revoked invitations can't be revoked.
    [expired] Expired invitations can't be revoked.
   *[other] Pending invitations can't be revoked.
}
invite-cannot-correct = { $status ->
    [accepted] Accepted invitations can't be given a new email.
    [revoked] Revoked invitations can't be given a new email.
    [expired] Expired invitations can't be given a new email.
   *[other] Pending invitations can't be given a new email.
}
invite-cannot-correct-expired = Expired invitations can't be given a new email. Resend it first, or revoke it and invite the right address.
invite-bulk-row-done = This row was already invited.
actor-deactivated = Your account was deactivated, so nothing was changed.
invite-changed-meanwhile = Someone else changed this invitation just now. Reload the list and try again.
bulk-too-many = That is more than { $max } rows. Split the list and invite in parts.
bulk-role-missing = Add the role after a comma: Teacher or Admin Staff.

## Every page after setup: signing in, getting back in, the account

page-nav-invites = Invites
page-nav-dev-mailbox = Dev mailbox
page-nav-admin = Administration
page-sign-out = Sign out
page-sign-in = Sign in
page-or = or
page-loading = Loading…
page-save = Save
page-cancel = Cancel
page-home-lead = Your school's Super-Admin invites teachers and admin staff by email. Each invitation holds a one-time link that lets you set up your own account.
page-home-invited-title = Were you invited?
page-home-invited = Open the link in your invitation email. It works for 24 hours and only once, so use the most recent email if you received more than one.
page-home-link-title = Link not working?
page-home-link = Ask your school's administrator to resend your invitation.
page-not-found-title = Page not found
page-not-found = There is nothing at this address. Check the link, or go back to the start.
page-not-found-home = Go to the start page
sign-in-title = Sign in
sign-in-login = Username or email
sign-in-passkey = Sign in with a passkey
sign-in-forgot = Forgot your password or passkey?
sign-in-new-staff = New staff: use the link in your invitation email to set up your account first.
sign-in-forgot-title = Get back into your account
sign-in-forgot-hint = Lost your password, or the phone that held your passkey? We'll email you a link that signs you in once, so you can add a passkey or set a new password.
sign-in-forgot-login = Email or username
sign-in-forgot-send = Email me a sign-in link
sign-in-forgot-back = Back to sign in
sign-in-forgot-asked = If that matches an account, a sign-in link is on its way to the account's email. It works once, for an hour. Nothing arrived? Check your spam folder, or ask your school administrator to send you one.
recovery-dead-title = This sign-in link can no longer be used
recovery-dead-why = A sign-in link works once, for an hour, and asking for a new one replaces the earlier ones.
recovery-hello = Hello, { $name }
recovery-choose = Choose how you'll sign in from now on, as { $username }. This signs you out on every other device.
recovery-until = This link works until { $when }.
account-passkey-add = Add a passkey
account-passkey-add-hint = Sign in with your fingerprint, face or screen lock.
account-password-new = New password
account-password-current = Current password
recovery-set-password = Set password and sign in
account-title = Your account
account-welcome = Your account is ready, and you're signed in.
account-recovered = You're back in, and signed out on every other device.
account-name = Name
account-role = Role
account-phone-none = Not given
account-signed-out = You're not signed in.
account-devices-title = Other devices
account-devices-hint = Signed in on a phone or computer you no longer use? End every other session of your account at once.
account-sign-out-elsewhere = Sign out everywhere else
account-signed-out-elsewhere = You're now signed out everywhere else. This browser stays signed in.
account-language-hint = Your pages and emails (such as sign-in links) are written in it.
account-language-default = School default
account-language-save = Save language
account-language-saved = Saved.
account-digest-title = Expired invitations
account-digest-label = Email me once a day when invitations I sent have expired
account-digest-none = Don't email me about them
account-digest-hint = The email lists their addresses and links to them in Invites, where you can send each one a new link. Nothing is sent on days when none expired.
account-digest-save = Save
account-digest-on = Saved. You'll get the email on days when an invitation you sent has expired.
account-digest-off = Saved. You won't get these emails.
account-ways-title = Ways to sign in
account-passkeys-title = Passkeys
account-passkeys-hint = A passkey signs you in with your fingerprint, face or screen lock. It can't be guessed or phished.
account-passkey-added = Passkey added: { $name }.
account-passkey-added-on = Added { $when }
account-passkey-renamed = Passkey renamed.
account-passkey-removed = Passkey removed: it no longer signs you in.
account-passkey-last-used = Last used { $when }
account-passkey-never-used = Not used to sign in yet
account-passkey-name = Name
account-passkey-rename = Rename
account-passkey-remove = Remove
account-passkey-only-way = Your only way to sign in: add another first
account-password-title = Password
account-password-has = You can sign in with your password.
account-password-none = You have no password: you sign in with a passkey. Set one to have another way in.
account-password-none-school = You have no password: you sign in with your { $provider } account. Set one to have another way in.
account-password-change-title = Change your password
account-password-change = Change password
account-password-set-title = Set a password
account-password-set = Set password
account-password-saved = Your password is saved. You've been signed out everywhere else.

## Refusals on those pages

sign-in-rejected = That username or email and password don't match. Check them and try again.
sign-in-deactivated = This account was deactivated. Contact your school administrator.
sign-in-busy = Many sign-ins are waiting right now. Please try again in a few seconds.
sign-in-passkey-refused = That passkey can't be used to sign in here. Try again, or sign in with your password.
sign-in-needed = Sign in to continue.
page-super-admin-only = Only a Super-Admin can do that.
page-redirect-refused = That address can't be used to continue. Nothing was changed; go back and try again.
recovery-limited = Too many requests from here. Wait a minute, then try again.
recovery-link-dead = This sign-in link can no longer be used: it works once, for an hour, and only the newest one works. Ask for a new one.
account-passkey-taken = That passkey is already registered, on this account or another one.
account-passkey-gone = That passkey isn't on your account any more. Reload the page.
account-last-way-in = This is the only way you can sign in, so it can't be removed. Add another passkey or set a password first.
account-password-wrong = Your current password isn't right. Nothing was changed.
account-deactivated = This account was deactivated.

## The Super-Admin's sign-in links for staff

staff-not-found = That account no longer exists. Reload the Staff list.
staff-deactivated-no-link = { $name } is deactivated, so no sign-in link was sent. Reactivate the account first.
staff-link-limit = A sign-in link was sent to this account a few times in the last hour already. Wait a while before sending another.
staff-link-sent = A sign-in link is on its way to { $email }. It works once, for an hour.
actor-deactivated-nothing-sent = Your account was deactivated, so nothing was sent.

## A page that isn't for this person

sign-in-to-continue = Sign in to continue
page-needs-sign-in = This page needs you to be signed in.
page-no-access-title = You don't have access to this page
page-no-access = Only a Super-Admin can open the admin module. If you need access, ask one.
page-no-access-account = Go to your account

## Signing in with the school's own accounts (OpenID Connect)

setup-school-continue = Continue with { $provider }
setup-school-other = Use another { $provider } account
setup-school-or = or set up a password or passkey
setup-school-verified = You'll sign in with your { $provider } account, { $email }. Check your details above, then create your account.
setup-school-instead = Set up a password or passkey instead
setup-school-taken = That school account already signs in to another account here. Use another one, or set up a password or passkey instead.
setup-school-stale = Your sign-in with your school account has run out. Continue with it again, or set up a password or passkey instead.
school-stale = That sign-in took too long, or it was already used. Please try again.
school-cancelled = You didn't finish signing in with your school account, so nothing changed.
school-refused = Your school account couldn't be checked. Please try again.
school-failed = Something went wrong on our side. Please try again in a moment.
school-no-email = Your school account didn't share its email address, so it can't be matched to this invitation.
school-unverified = Your school hasn't verified the address { $email } on that account, so it can't be used here.
school-other-domain = { $email } isn't one of this school's addresses. Use your school account.
school-mismatch = You signed in as { $signed_in }, but this invitation is for { $invited }. Use the account for { $invited }, or set up a password or passkey instead.
school-unknown = No account here signs in with that school account. Sign in another way, then link it on your account page.
school-limited = Too many sign-in attempts from your network. Please wait a minute and try again.
school-address-refused = That school account's address can't be used here. Use your school account, or sign in another way.
school-account-elsewhere = That school account already signs in to another account here.
school-not-offered = This site doesn't offer signing in with a school account.
school-form-unreadable = This form wasn't sent whole. Go back, reload the page and try again.
school-linked = Your school account is linked. You can now sign in with it.
sign-in-school = Sign in with { $provider }
account-school-title = School account
account-school-linked = You can sign in with your { $provider } account, { $email }.
account-school-none = Link your { $provider } account to sign in with it, without a password.
account-school-link = Link your { $provider } account
account-school-unlink = Unlink it
account-school-unlinked = Your { $provider } account is unlinked: it no longer signs you in here.
account-school-not-linked = No school account is linked to this account.
account-school-only-way = It's your only way to sign in: add a passkey or a password first.

## The Super-Admin's dashboard. English only for now: a language without these messages
## shows the dashboard in English (`i18n::DASHBOARD`). Translating it is adding them.

bulk-title = Bulk invite
bulk-file-unreadable = That file couldn't be read. Is it a CSV text file?
bulk-empty = Paste at least one line: email,role
bulk-addresses = Addresses, one per line: email,role,language
bulk-addresses-hint = For example: sam@school.org,Teacher,es. The role is Teacher or Admin Staff; the language (en, es, fr or ar) can be left out for the school's.
bulk-upload = Or upload a CSV file
bulk-checking = Checking…
bulk-preview = Preview
bulk-back = Back
bulk-done = Done
bulk-summary = { $ready } will be invited, { $skipped } skipped.
bulk-send = { $count ->
    [one] Send 1 invitation
   *[other] Send { $count } invitations
}
bulk-school-language = the school's language
bulk-row-ready = ✓ Will be invited as { $role }, in { $language }
bulk-row-user-exists = Already a user
bulk-row-already-invited = Already invited: resend instead
bulk-row-unchecked = Not checked
bulk-row-duplicate = Duplicate of line { $line }
bulk-row-waiting = … Waiting
bulk-row-invited = ✓ Invited as { $role }
bulk-rows = Bulk invite rows
bulk-column-line = Line
bulk-column-row = Row
bulk-column-result = Result
bulk-loading = Loading the bulk invite…
bulk-rows-done = Rows done
bulk-runs-on-server = This runs on the server: you can close this window, and any Super-Admin sees its progress on Invites.
bulk-progress-running = { $done } of { $total } done: { $invited } invited so far
bulk-progress-finished = Finished: { $invited } invited, { $refused } not invited
bulk-running = Bulk invite running
bulk-last = Last bulk invite
bulk-started = { $progress }. Started by { $by } on { $when }.
bulk-view-progress = View progress
bulk-view-results = View results
admin-modules = Modules
admin-staff-module = Teachers/Admin Staff
admin-invites = Invites
admin-staff = Staff
admin-load-more = Load more
invite-user = Invite User
invite-loading = Loading invitations…
invite-load-more-failed = Couldn't load more invitations. { $why }
invite-search = Search by email
invite-role = Role
invite-all-roles = All roles
invite-sort = Sort
invite-sort-sent-desc = Sent: newest first
invite-sort-sent-asc = Sent: oldest first
invite-sort-expires-asc = Expires: soonest first
invite-sort-expires-desc = Expires: latest first
invite-download = Download CSV
invite-status-filter = Show invitations by status
invite-status-all = All
invite-status-expiring-soon = Expiring soon
invite-status-pending = Pending
invite-status-accepted = Accepted
invite-status-expired = Expired
invite-status-revoked = Revoked
invite-expired-ago = expired { $when }
invite-expiring-soon = Expiring soon: { $when }
invite-none-yet = No one has been invited yet
invite-none-yet-hint = Invite a teacher or a member of the admin staff: they get an email with a one-time link to set up their own account.
invite-first = Invite your first member of staff
invite-none-match = No invitations match these filters.
invite-table = Invitations
invite-column-email = Email
invite-column-role = Role
invite-column-status = Status
invite-column-invited-by = Invited by
invite-column-sent = Sent
invite-column-expires = Expires
invite-column-resends = Resends
invite-column-delivery = Delivery
invite-column-actions = Actions
invite-resends = { $count } of { $max }
invite-wants-new-link = Wants a new link
invite-asked-new-link = Asked for a new link { $when }, { $at }
invite-opened = Opened
invite-opened-link = Opened the link { $when }, { $at }
invite-no-email = No email for this invitation
invite-delivery-queued = Queued
invite-delivery-queued-hint = Waiting to be sent
invite-delivery-sent = Sent
invite-delivery-sent-hint = Accepted by the mail server { $at }
invite-delivery-retrying = Retrying
invite-delivery-retrying-hint = Attempt { $attempt } failed: { $error }. Next try { $at }
invite-delivery-failed = Failed
invite-resend = Resend
invite-revoke = Revoke
invite-correct = Correct email
invite-history = History
invite-resending = Resending…
invite-working = Working…
invite-manage = Manage
invite-manage-row = Manage { $email }
invite-accepted-no-resend = Accepted invitations can't be resent
invite-revoked-no-resend = Revoked invitations can't be resent
invite-resend-limit-reached = Resent { $count } of { $max } times, the limit. Revoke it and invite again if needed.
invite-resent = A new link was sent to { $email } ({ $count } of { $max }).
invite-revoke-title = Revoke this invitation?
invite-correct-title = Correct { $email }
invite-history-title = History of { $email }
invite-revoked-done = The invitation of { $email } was revoked.
invite-revoke-warning = The invitation of { $email } will stop working at once. Its links can't be used again.
invite-revoking = Revoking…
invite-corrected = A new link was sent to { $email }.
invite-correct-hint = A new link goes to the corrected address; the old links stop working. This does not count as a resend.
invite-email-address = Email address
invite-sending = Sending…
invite-send-here = Send to this address
invite-history-loading = Loading the history…
invite-event-created = Invited
invite-event-sent = Link sent
invite-event-resent = Resent
invite-event-email_corrected = Email corrected
invite-event-revoked = Revoked
invite-event-link_opened = Link opened
invite-event-accepted = Accepted
invite-event-delivered = Email delivered
invite-event-delivery_retrying = Delivery retrying
invite-event-delivery_failed = Delivery failed
invite-event-not_sent = Email not sent
invite-event-new_link_requested = Asked for a new link
invite-event-reminder_sent = Reminder sent
invite-sent = Invitation sent to { $email }.
invite-checking = Checking…
invite-email-free = ✓ No account or invitation has this address.
invite-email-user-exists = ✗ A user with this email already exists.
invite-email-invited = ✗ Already invited: resend instead, from its row.
invite-language = Language
invite-language-hint = Of the email and of the pages where they set up their account.
invite-school-default = School default
invite-inviting = Inviting…
invite-send = Invite
staff-loading = Loading staff…
staff-none = No accounts yet. Invite someone from Invites.
staff-table = Staff accounts
staff-column-name = Name
staff-column-username = Username
staff-column-role = Role
staff-column-contact = Contact
staff-column-joined = Joined
staff-column-status = Status
staff-column-actions = Actions
staff-you = (you)
staff-status-active = Active
staff-status-deactivated = Deactivated
staff-deactivate = Deactivate
staff-reactivate = Reactivate
staff-deactivating = Deactivating…
staff-reactivating = Reactivating…
staff-deactivate-person = Deactivate { $name }
staff-reactivate-person = Reactivate { $name }
staff-deactivate-title = Deactivate { $name }?
staff-reactivate-title = Reactivate { $name }?
staff-send-link = Send a sign-in link
staff-send-link-to = Send a sign-in link to { $name }
staff-changed-deactivated = Deactivated by { $by }, { $at }
staff-changed-reactivated = Reactivated by { $by }, { $at }
staff-link-sent-by = Sign-in link sent by { $by }, { $at }
staff-was-reactivated = { $name } was reactivated and can sign in again.
staff-was-deactivated = { $name } was deactivated and signed out everywhere.
staff-was-deactivated-revoking = { $count ->
    [one] { $name } was deactivated and signed out everywhere. The 1 pending invitation they sent was revoked.
   *[other] { $name } was deactivated and signed out everywhere. The { $count } pending invitations they sent were revoked.
}
staff-deactivate-warning = { $who } will be signed out everywhere at once and won't be able to sign in until a Super-Admin reactivates the account.
staff-deactivate-revokes = Every pending invitation they sent will be revoked: its link will say the invitation was withdrawn. Reactivating doesn't bring those back.
staff-deactivate-yourself = This is your own account: you will be signed out too.
staff-reactivate-warning = { $who } will be able to sign in again with their own password.
mailbox-title = Dev mailbox
mailbox-page-title = Dev mailbox · { $app }
mailbox-lead = No SMTP server is configured (SMTP_URL), so email lands here instead of being sent.
mailbox-loading = Loading the mailbox…
mailbox-empty = No messages yet. Invitations appear here as soon as they are sent.
mailbox-subject = Subject
mailbox-to = To
mailbox-sent = Sent
mailbox-back = ← Invites
mailbox-all = ← All messages
mailbox-loading-message = Loading the message…
mailbox-not-found-title = Message not found
mailbox-not-found-page-title = Message not found · { $app }
mailbox-not-found = There is no message with this number. It may be older than the mailbox keeps.
mailbox-html = HTML part
mailbox-html-frame = The email as HTML
mailbox-text = Text part
mailbox-message-page-title = { $subject } · { $app }
mailbox-wiped = This message's body was removed when its invitation stopped being Pending (accepted, revoked or expired), so no working link stays in the database.
mailbox-none = There is no dev mailbox: this server sends email by SMTP.
admin-close = Close
admin-dismiss = Dismiss
