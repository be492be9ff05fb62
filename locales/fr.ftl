### Français.

language-name = Français
# The CLDR locale whose date and time conventions this language follows.
dates-locale = fr
language-direction = ltr

## The page around everything

app-title = Accueil du personnel
language-switch = Langue
theme-dark = Thème sombre
skip-to-content = Aller au contenu

## Names of things

role-teacher = Enseignant
role-admin_staff = Personnel administratif
role-super_admin = Super-administrateur
field-email = Adresse e-mail
field-full-name = Nom complet
field-phone = Numéro de téléphone
field-username = Nom d’utilisateur
field-password = Mot de passe

## Time

time-under-a-minute = moins d’une minute
time-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
time-hours = { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}
time-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
time-in = dans { $duration }
time-ago = il y a { $duration }
time-just-now = à l’instant
time-in-under-a-minute = dans moins d’une minute

## What people type, and why it was refused

email-empty = Saisissez une adresse e-mail.
email-too-long = Une adresse e-mail ne peut pas dépasser { $max } caractères.
email-no-at = Saisissez une adresse comme nom@ecole.fr, avec un seul @.
email-bad-local-part = La partie avant le @ n’est pas valide. Utilisez uniquement des lettres, des chiffres et . _ % + - ' ! # $ & * / = ? ^ ` {"{"} | {"}"} ~, sans point au début, à la fin ni deux de suite.
email-bad-domain = La partie après le @ doit être un domaine comme ecole.fr.
email-whitespace = Une adresse e-mail ne peut pas contenir d’espaces.
name-empty = Saisissez votre nom complet.
name-too-long = Un nom ne peut pas dépasser { $max } caractères.
name-control = Un nom ne peut pas contenir de caractères de contrôle.
name-invisible = Un nom ne peut pas contenir de caractères invisibles, ni de caractères que certains appareils ne savent pas afficher.
phone-empty = Saisissez un numéro de téléphone.
phone-no-country-code = Commencez le numéro par + et l’indicatif du pays, par exemple +33 6 12 34 56 78.
phone-bad-character = Utilisez uniquement des chiffres, des espaces, des parenthèses, des points et des tirets dans un numéro de téléphone.
phone-too-short = Ce numéro est trop court : avec l’indicatif du pays, il lui faut au moins { $min } chiffres.
phone-too-long = Ce numéro est trop long : un numéro de téléphone compte au plus { $max } chiffres.
phone-bad-country-code = Un indicatif de pays ne commence jamais par 0.
username-empty = Choisissez un nom d’utilisateur.
username-too-short = Un nom d’utilisateur doit compter au moins { $min } caractères.
username-too-long = Un nom d’utilisateur ne peut pas dépasser { $max } caractères.
username-start-letter = Un nom d’utilisateur doit commencer par une lettre.
username-bad-character = Utilisez uniquement des lettres, des chiffres, des points, des tirets bas et des tirets dans un nom d’utilisateur.
username-reserved = Ce nom d’utilisateur est réservé. Choisissez-en un autre.
username-taken = Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.
password-empty = Choisissez un mot de passe.
password-too-short = Utilisez au moins { $min } caractères. Une courte phrase est facile à retenir.
password-too-long = Un mot de passe ne peut pas dépasser { $max } caractères.
password-contains-username = Votre mot de passe ne peut pas contenir votre nom d’utilisateur.
password-contains-email = Votre mot de passe ne peut pas contenir la partie nom de votre adresse e-mail.
password-too-common = Ce mot de passe est trop facile à deviner. Essayez plusieurs mots sans rapport entre eux.
role-unknown = Choisissez un rôle : Enseignant ou Personnel administratif.
role-not-invitable = Le personnel ne peut être invité que comme Enseignant ou Personnel administratif.
passkey-name-empty = Donnez un nom à la clé d’accès, par exemple « Téléphone pro ».
passkey-name-too-long = Le nom ne peut pas dépasser { $max } caractères.
passkey-name-hidden = Le nom contient un caractère qui ne peut pas être affiché. Saisissez-le de nouveau sans ce caractère.

## Refusals

setup-fields = Certaines informations sont à corriger.
setup-link-dead = Ce lien n’est plus utilisable.
too-many-attempts = Trop de tentatives. Patientez une minute, puis réessayez.
setup-unexpected = Une erreur s’est produite de notre côté. Vos informations n’ont pas été enregistrées ; veuillez réessayer.
network-unreachable = Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.
request-unreadable = Cette requête n’a pas pu être lue ({ $detail }). Rien n’a été enregistré.
setup-email-in-use = Un compte ou une invitation utilise déjà cette adresse. Choisissez-en une autre.
passkey-belongs-elsewhere = Cette clé d’accès appartient déjà à un autre compte. Créez-en une nouvelle ou utilisez un mot de passe.
passkeys-unavailable = Ce site ne propose pas les clés d’accès. Utilisez un mot de passe.
passkey-ceremony-stale = Le délai est dépassé ou cette demande a déjà servi. Veuillez réessayer.
passkey-unverified = Votre clé d’accès n’a pas pu être vérifiée. Veuillez réessayer.
passkey-cancelled = Aucune clé d’accès n’a été créée ni utilisée : la fenêtre a été fermée ou le délai a expiré. Réessayez ou utilisez un mot de passe.
passkey-already-here = Cet appareil a déjà une clé d’accès pour ce compte.
passkey-unsupported = Ce navigateur ne prend pas en charge les clés d’accès. Utilisez un mot de passe.
passkey-device-error = Votre appareil n’a pas pu utiliser de clé d’accès ({ $name }). Réessayez ou utilisez un mot de passe.

## The setup page

setup-title = Créez votre compte
setup-invited-by = { $role ->
    [teacher] { $inviter } vous invite à rejoindre l’équipe enseignante.
    [admin_staff] { $inviter } vous invite à rejoindre le personnel administratif.
   *[other] { $inviter } vous invite à rejoindre l’équipe en tant que super-administrateur.
}
setup-invited = { $role ->
    [teacher] On vous invite à rejoindre l’équipe enseignante.
    [admin_staff] On vous invite à rejoindre le personnel administratif.
   *[other] On vous invite à rejoindre l’équipe en tant que super-administrateur.
}
setup-link-until = Ce lien fonctionne jusqu’au { $when }.
setup-email-fixed = Votre invitation a été envoyée à cette adresse ; elle ne peut pas être modifiée.
setup-email-choose = Vous vous connecterez avec cette adresse ou votre nom d’utilisateur
setup-phone-hint = Avec l’indicatif du pays, par exemple +33 6 12 34 56 78
setup-username-hint = De { $min } à { $max } caractères : lettres, chiffres, points, tirets bas et tirets, en commençant par une lettre
password-rule = Au moins { $min } caractères. Tous les caractères sont acceptés : une courte phrase est facile à retenir et difficile à deviner. Il ne peut pas contenir votre nom d’utilisateur ni votre adresse e-mail.
password-progress = { $count } caractères sur { $min }
password-show = Afficher
password-hide = Masquer
password-strength = Robustesse : { $strength }
strength-weak = faible
strength-fair = moyenne
strength-good = bonne
strength-strong = excellente
username-available = { $name } est disponible.
username-taken-free = Ce nom d’utilisateur est déjà pris. Ceux-ci sont libres :
username-checking = Vérification…
setup-passkey-title = Se connecter avec une clé d’accès
setup-passkey-hint = Au lieu d’un mot de passe, utilisez votre empreinte, votre visage ou le verrouillage de l’écran. Rien à retenir, et elle ne fonctionne que sur ce site.
setup-passkey-create = Créer le compte avec une clé d’accès
setup-use-password = Utiliser plutôt un mot de passe
setup-use-passkey = Utiliser plutôt une clé d’accès
setup-create = Créer le compte
setup-creating = Création de votre compte…
setup-waiting-for-passkey = En attente de votre clé d’accès…
problem-title = Il y a un problème
not-saved-title = Votre compte n’a pas été créé.
not-saved-with-details = Le lien a cessé de fonctionner avant l’arrivée de vos informations. Voici ce que vous aviez saisi, pour que vous puissiez le réutiliser :
not-saved = Le lien a cessé de fonctionner avant l’arrivée de vos informations.

## A link that doesn't work

link-checking = Vérification de votre lien…
link-check-failed = Impossible de vérifier ce lien
link-invalid-title = Ce lien n’est pas valide
link-invalid = Ce lien n’est pas valide. Vérifiez que vous avez copié le lien entier depuis l’e-mail.
link-expired-title = Ce lien a expiré
link-expired = Ce lien a expiré le { $when }. Vous pouvez en demander un nouveau : l’administrateur de votre établissement sera prévenu, et le nouveau lien vous arrivera par e-mail.
link-used-title = Ce lien a déjà été utilisé
link-used = Ce lien a déjà servi à créer un compte. Connectez-vous plutôt.
link-superseded-title = Il existe un lien plus récent
link-superseded = Une invitation plus récente vous a été envoyée. Utilisez le lien du dernier e-mail.
link-revoked-title = Cette invitation a été retirée
link-revoked = Cette invitation a été retirée. Contactez l’administrateur de votre établissement.
link-sign-in = Se connecter
link-ask-new = Demander un nouveau lien
link-new-asked = Merci. L’administrateur de votre établissement a été prévenu. Quand il vous enverra une nouvelle invitation, utilisez le lien de cet e-mail.

## Emails

mail-invitation-subject = { $role ->
    [teacher] Invitation à rejoindre l’équipe enseignante de { $school }
    [admin_staff] Invitation à rejoindre le personnel administratif de { $school }
   *[other] Invitation à rejoindre { $school } en tant que super-administrateur
}
mail-resend-subject = Votre nouveau lien d’invitation pour { $school }
mail-invitation-heading = Invitation à rejoindre { $school }
mail-hello = Bonjour,
mail-invited-by = { $role ->
    [teacher] { $inviter } vous invite à rejoindre l’équipe enseignante de { $school }.
    [admin_staff] { $inviter } vous invite à rejoindre le personnel administratif de { $school }.
   *[other] { $inviter } vous invite à rejoindre { $school } en tant que super-administrateur.
}
mail-invited = { $role ->
    [teacher] On vous invite à rejoindre l’équipe enseignante de { $school }.
    [admin_staff] On vous invite à rejoindre le personnel administratif de { $school }.
   *[other] On vous invite à rejoindre { $school } en tant que super-administrateur.
}
mail-set-up-with = Créez votre compte avec ce lien :
mail-set-up-button = Créer mon compte
mail-invitation-expires = Le lien ne fonctionne qu’une fois et expire { $in } ({ $on }).
mail-new-link = Ceci est un nouveau lien : les liens d’invitation précédents ne fonctionnent plus.
mail-what-next = Vous indiquerez votre nom et votre numéro de téléphone, choisirez un nom d’utilisateur, puis vous vous connecterez avec une clé d’accès (votre empreinte, votre visage ou le verrouillage de l’écran) ou un mot de passe.
mail-copy-link = Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :
mail-invitation-ignore = Si vous n’attendiez pas cet e-mail, vous pouvez l’ignorer. Aucun compte n’est créé tant que le lien n’est pas utilisé.
mail-sign-in-subject = Votre lien de connexion à { $school }
mail-hello-name = Bonjour { $name },
mail-sign-in-sent-by = { $sender } vous a envoyé un lien pour vous connecter à { $school }.
mail-sign-in-asked = Quelqu’un a demandé un lien pour se connecter à { $school } en tant que { $username }. Si c’était vous, le voici.
mail-sign-in-heading = Votre lien de connexion
mail-sign-in-button = Se connecter
mail-sign-in-expires = Il ne fonctionne qu’une fois et expire { $in } ({ $on }). Il vous permet d’ajouter une clé d’accès ou de choisir un nouveau mot de passe, et vous déconnecte de tous vos autres appareils.
mail-sign-in-ignore = Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail : rien ne change tant que le lien n’est pas utilisé.
mail-reminder-subject = Rappel : votre invitation à rejoindre { $school } expire { $in }
mail-reminder-heading = Votre invitation à rejoindre { $school } vous attend
mail-reminder-expires = C’est le même lien que dans votre e-mail d’invitation. Il ne fonctionne qu’une fois et cesse de fonctionner { $in } ({ $on }).
mail-digest-subject = { $count ->
    [one] Une invitation que vous avez envoyée a expiré
   *[other] { $count } invitations que vous avez envoyées ont expiré
}
mail-digest-heading = Invitations expirées
mail-digest-lead = { $count ->
    [one] Cette invitation que vous avez envoyée a expiré avant que quiconque crée un compte avec :
   *[other] Ces invitations que vous avez envoyées ont expiré avant que quiconque crée un compte avec :
}
mail-digest-item = { $email }, expirée le { $on }
mail-digest-more = { $count ->
    [one] et 1 autre
   *[other] et { $count } autres
}
mail-digest-resend = Vous les trouverez sous « Expirées » dans Invitations, d’où vous pourrez envoyer un nouveau lien à chacune.
mail-digest-button = Voir les invitations expirées
mail-digest-turn-off = Vous recevez cet e-mail au plus une fois par jour, et seulement quand une invitation que vous avez envoyée a expiré. Pour ne plus le recevoir, désactivez-le sur la page de votre compte :

## Failures of the server

unexpected = Une erreur s’est produite de notre côté. Veuillez réessayer.
outage-unreachable = La base de données est injoignable pour le moment, rien n’a donc été enregistré. Réessayez dans une minute.
outage-cannot-write = La base de données ne peut rien enregistrer pour le moment (son disque est plein ou en lecture seule), rien n’a donc été enregistré. Prévenez votre administrateur.

## The Super-Admin's changes to invitations, refused

invite-language-unknown = Choisissez l’une des langues de la liste.
invite-user-exists = Un utilisateur avec cette adresse existe déjà.
invite-already-invited = Cette adresse a déjà été invitée. Utilisez plutôt « Renvoyer » sur sa ligne.
invite-not-found = Cette invitation n’existe pas. Rechargez la liste.
invite-resend-limit = { $count ->
    [one] Cette invitation a déjà été renvoyée une fois, c’est la limite. Révoquez-la et invitez de nouveau si nécessaire.
   *[other] Cette invitation a déjà été renvoyée { $count } fois, c’est la limite. Révoquez-la et invitez de nouveau si nécessaire.
}
invite-same-email = C’est déjà l’adresse de cette invitation. Pour renvoyer son lien, utilisez plutôt « Renvoyer ».
invite-cannot-resend = { $status ->
    [accepted] Les invitations acceptées ne peuvent pas être renvoyées.
    [revoked] Les invitations révoquées ne peuvent pas être renvoyées.
    [expired] Les invitations expirées ne peuvent pas être renvoyées.
   *[other] Les invitations en attente ne peuvent pas être renvoyées.
}
invite-cannot-revoke = { $status ->
    [accepted] Les invitations acceptées ne peuvent pas être révoquées.
    [revoked] Les invitations révoquées ne peuvent pas être révoquées.
    [expired] Les invitations expirées ne peuvent pas être révoquées.
   *[other] Les invitations en attente ne peuvent pas être révoquées.
}
invite-cannot-correct = { $status ->
    [accepted] L’adresse des invitations acceptées ne peut pas être modifiée.
    [revoked] L’adresse des invitations révoquées ne peut pas être modifiée.
    [expired] L’adresse des invitations expirées ne peut pas être modifiée.
   *[other] L’adresse des invitations en attente ne peut pas être modifiée.
}
invite-cannot-correct-expired = L’adresse des invitations expirées ne peut pas être modifiée. Renvoyez-la d’abord, ou révoquez-la et invitez la bonne adresse.
invite-bulk-row-done = Cette ligne a déjà été invitée.
actor-deactivated = Votre compte a été désactivé, rien n’a donc été modifié.
invite-changed-meanwhile = Quelqu’un d’autre vient de modifier cette invitation. Rechargez la liste et réessayez.
bulk-too-many = La liste dépasse { $max } lignes. Divisez-la et invitez en plusieurs fois.
bulk-role-missing = Ajoutez le rôle après une virgule : Enseignant ou Personnel administratif.

## Every page after setup: signing in, getting back in, the account

page-nav-invites = Invitations
page-nav-dev-mailbox = Boîte de développement
page-nav-admin = Administration
page-sign-out = Se déconnecter
page-sign-in = Se connecter
page-or = ou
page-loading = Chargement…
page-save = Enregistrer
page-cancel = Annuler
page-home-lead = Le super-administrateur de votre établissement invite les enseignants et le personnel administratif par e-mail. Chaque invitation contient un lien à usage unique qui vous permet de créer votre propre compte.
page-home-invited-title = Vous avez reçu une invitation ?
page-home-invited = Ouvrez le lien de votre e-mail d’invitation. Il fonctionne pendant 24 heures et une seule fois : utilisez l’e-mail le plus récent si vous en avez reçu plusieurs.
page-home-link-title = Le lien ne fonctionne pas ?
page-home-link = Demandez à l’administrateur de votre établissement de vous renvoyer l’invitation.
page-not-found-title = Page introuvable
page-not-found = Il n’y a rien à cette adresse. Vérifiez le lien ou revenez à l’accueil.
page-not-found-home = Aller à la page d’accueil
sign-in-title = Connexion
sign-in-login = Nom d’utilisateur ou adresse e-mail
sign-in-passkey = Se connecter avec une clé d’accès
sign-in-forgot = Mot de passe ou clé d’accès oublié ?
sign-in-new-staff = Vous venez d’arriver ? Créez d’abord votre compte avec le lien de votre e-mail d’invitation.
sign-in-forgot-title = Retrouver l’accès à votre compte
sign-in-forgot-hint = Vous avez perdu votre mot de passe, ou le téléphone qui contenait votre clé d’accès ? Nous vous enverrons par e-mail un lien qui vous connecte une seule fois, pour ajouter une clé d’accès ou choisir un nouveau mot de passe.
sign-in-forgot-login = Adresse e-mail ou nom d’utilisateur
sign-in-forgot-send = M’envoyer un lien de connexion
sign-in-forgot-back = Retour à la connexion
sign-in-forgot-asked = Si cela correspond à un compte, un lien de connexion est en route vers l’adresse e-mail de ce compte. Il fonctionne une seule fois, pendant une heure. Rien reçu ? Vérifiez vos courriers indésirables, ou demandez à l’administrateur de votre établissement de vous en envoyer un.
recovery-dead-title = Ce lien de connexion ne peut plus être utilisé
recovery-dead-why = Un lien de connexion fonctionne une seule fois, pendant une heure, et en demander un nouveau annule les précédents.
recovery-hello = Bonjour { $name }
recovery-choose = Choisissez comment vous vous connecterez désormais, en tant que { $username }. Vous serez déconnecté de tous vos autres appareils.
recovery-until = Ce lien fonctionne jusqu’au { $when }.
account-passkey-add = Ajouter une clé d’accès
account-passkey-add-hint = Connectez-vous avec votre empreinte, votre visage ou le verrouillage de l’écran.
account-password-new = Nouveau mot de passe
account-password-current = Mot de passe actuel
recovery-set-password = Enregistrer le mot de passe et se connecter
account-title = Votre compte
account-welcome = Votre compte est prêt, et vous êtes connecté.
account-recovered = Vous avez retrouvé l’accès, et vous êtes déconnecté de tous vos autres appareils.
account-name = Nom
account-role = Fonction
account-phone-none = Non renseigné
account-signed-out = Vous n’êtes pas connecté.
account-devices-title = Autres appareils
account-devices-hint = Connecté sur un téléphone ou un ordinateur que vous n’utilisez plus ? Fermez d’un coup toutes les autres sessions de votre compte.
account-sign-out-elsewhere = Se déconnecter partout ailleurs
account-signed-out-elsewhere = Vous êtes maintenant déconnecté partout ailleurs. Ce navigateur reste connecté.
account-language-hint = Vos pages et vos e-mails (comme les liens de connexion) sont rédigés dans cette langue.
account-language-default = Celle de l’établissement
account-language-save = Enregistrer la langue
account-language-saved = Enregistré.
account-digest-title = Invitations expirées
account-digest-label = M’envoyer un e-mail une fois par jour quand des invitations que j’ai envoyées ont expiré
account-digest-none = Ne pas m’envoyer d’e-mail à leur sujet
account-digest-hint = L’e-mail donne leurs adresses et un lien vers elles dans Invitations, d’où vous pouvez envoyer un nouveau lien à chacune. Rien n’est envoyé les jours où aucune n’a expiré.
account-digest-save = Enregistrer
account-digest-on = Enregistré. Vous recevrez cet e-mail les jours où une invitation que vous avez envoyée aura expiré.
account-digest-off = Enregistré. Vous ne recevrez plus ces e-mails.
account-ways-title = Façons de se connecter
account-passkeys-title = Clés d’accès
account-passkeys-hint = Une clé d’accès vous connecte avec votre empreinte, votre visage ou le verrouillage de l’écran. Elle ne peut être ni devinée ni hameçonnée.
account-passkey-added = Clé d’accès ajoutée : { $name }.
account-passkey-added-on = Ajoutée le { $when }
account-passkey-renamed = Clé d’accès renommée.
account-passkey-removed = Clé d’accès supprimée : elle ne vous permet plus de vous connecter.
account-passkey-last-used = Dernière utilisation le { $when }
account-passkey-never-used = Pas encore utilisée pour se connecter
account-passkey-name = Nom
account-passkey-rename = Renommer
account-passkey-remove = Supprimer
account-passkey-only-way = Votre seule façon de vous connecter : ajoutez-en une autre d’abord
account-password-title = Mot de passe
account-password-has = Vous pouvez vous connecter avec votre mot de passe.
account-password-none = Vous n’avez pas de mot de passe : vous vous connectez avec une clé d’accès. Choisissez-en un pour avoir un autre moyen d’entrer.
account-password-none-school = Vous n’avez pas de mot de passe : vous vous connectez avec votre compte { $provider }. Choisissez-en un pour avoir un autre moyen d’entrer.
account-password-change-title = Changer votre mot de passe
account-password-change = Changer le mot de passe
account-password-set-title = Choisir un mot de passe
account-password-set = Enregistrer le mot de passe
account-password-saved = Votre mot de passe est enregistré. Vous avez été déconnecté partout ailleurs.

## Refusals on those pages

sign-in-rejected = Le nom d’utilisateur ou l’adresse e-mail et le mot de passe ne correspondent pas. Vérifiez-les et réessayez.
sign-in-deactivated = Ce compte a été désactivé. Contactez l’administrateur de votre établissement.
sign-in-busy = Beaucoup de connexions sont en attente en ce moment. Réessayez dans quelques secondes.
sign-in-passkey-refused = Cette clé d’accès ne permet pas de se connecter ici. Réessayez, ou connectez-vous avec votre mot de passe.
sign-in-needed = Connectez-vous pour continuer.
page-super-admin-only = Seul un super-administrateur peut faire cela.
page-redirect-refused = Cette adresse ne peut pas servir à continuer. Rien n’a été modifié ; revenez en arrière et réessayez.
recovery-limited = Trop de demandes depuis cet endroit. Attendez une minute, puis réessayez.
recovery-link-dead = Ce lien de connexion ne peut plus être utilisé : il fonctionne une seule fois, pendant une heure, et seul le plus récent est valable. Demandez-en un nouveau.
account-passkey-taken = Cette clé d’accès est déjà enregistrée, sur ce compte ou sur un autre.
account-passkey-gone = Cette clé d’accès n’est plus sur votre compte. Rechargez la page.
account-last-way-in = C’est votre seule façon de vous connecter : elle ne peut donc pas être supprimée. Ajoutez d’abord une autre clé d’accès ou choisissez un mot de passe.
account-password-wrong = Votre mot de passe actuel n’est pas le bon. Rien n’a été modifié.
account-deactivated = Ce compte a été désactivé.

## The Super-Admin's sign-in links for staff

staff-not-found = Ce compte n’existe plus. Rechargez la liste du personnel.
staff-deactivated-no-link = { $name } est désactivé : aucun lien de connexion n’a été envoyé. Réactivez d’abord le compte.
staff-link-limit = Plusieurs liens de connexion ont déjà été envoyés à ce compte dans l’heure. Attendez un peu avant d’en envoyer un autre.
staff-link-sent = Un lien de connexion est en route vers { $email }. Il fonctionne une seule fois, pendant une heure.
actor-deactivated-nothing-sent = Votre compte a été désactivé : rien n’a été envoyé.

## A page that isn't for this person

sign-in-to-continue = Connectez-vous pour continuer
page-needs-sign-in = Vous devez être connecté pour voir cette page.
page-no-access-title = Vous n’avez pas accès à cette page
page-no-access = Seul un super-administrateur peut ouvrir le module d’administration. Si vous avez besoin d’un accès, demandez-le à l’un d’eux.
page-no-access-account = Aller à votre compte

## Se connecter avec le compte de l’établissement (OpenID Connect)

setup-school-continue = Continuer avec { $provider }
setup-school-other = Utiliser un autre compte { $provider }
setup-school-or = ou créez un mot de passe ou une clé d’accès
setup-school-verified = Vous vous connecterez avec votre compte { $provider }, { $email }. Vérifiez vos informations ci-dessus, puis créez votre compte.
setup-school-instead = Créer plutôt un mot de passe ou une clé d’accès
setup-school-taken = Ce compte de l’établissement permet déjà de se connecter à un autre compte ici. Utilisez-en un autre, ou créez un mot de passe ou une clé d’accès.
setup-school-stale = Votre connexion avec le compte de l’établissement a expiré. Continuez à nouveau avec lui, ou créez un mot de passe ou une clé d’accès.
school-stale = Cette connexion a pris trop de temps, ou elle a déjà servi. Veuillez réessayer.
school-cancelled = Vous n’avez pas terminé la connexion avec votre compte de l’établissement : rien n’a changé.
school-refused = Votre compte de l’établissement n’a pas pu être vérifié. Veuillez réessayer.
school-failed = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.
school-no-email = Votre compte de l’établissement n’a pas communiqué son adresse e-mail : il ne peut donc pas être associé à cette invitation.
school-unverified = Votre établissement n’a pas vérifié l’adresse { $email } de ce compte : elle ne peut donc pas être utilisée ici.
school-other-domain = { $email } n’est pas une adresse de cet établissement. Utilisez votre compte de l’établissement.
school-mismatch = Vous vous êtes connecté en tant que { $signed_in }, mais cette invitation est destinée à { $invited }. Utilisez le compte de { $invited }, ou créez un mot de passe ou une clé d’accès.
school-unknown = Aucun compte ici ne se connecte avec ce compte de l’établissement. Connectez-vous autrement, puis associez-le sur la page de votre compte.
school-limited = Trop de tentatives de connexion depuis votre réseau. Patientez une minute, puis réessayez.
school-address-refused = L’adresse de ce compte de l’établissement ne peut pas être utilisée ici. Utilisez votre compte de l’établissement, ou connectez-vous autrement.
school-account-elsewhere = Ce compte de l’établissement permet déjà de se connecter à un autre compte ici.
school-not-offered = Ce site ne propose pas la connexion avec un compte de l’établissement.
school-form-unreadable = Ce formulaire n’a pas été envoyé en entier. Revenez en arrière, rechargez la page et réessayez.
school-linked = Votre compte de l’établissement est associé. Vous pouvez maintenant vous connecter avec lui.
sign-in-school = Se connecter avec { $provider }
account-school-title = Compte de l’établissement
account-school-linked = Vous pouvez vous connecter avec votre compte { $provider }, { $email }.
account-school-none = Associez votre compte { $provider } pour vous connecter avec lui, sans mot de passe.
account-school-link = Associer votre compte { $provider }
account-school-unlink = Le dissocier
account-school-unlinked = Votre compte { $provider } est dissocié : il ne vous permet plus de vous connecter ici.
account-school-not-linked = Aucun compte de l’établissement n’est associé à ce compte.
account-school-only-way = C’est votre seule façon de vous connecter : ajoutez d’abord une clé d’accès ou un mot de passe.
