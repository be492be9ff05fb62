### العربية. Right to left; numbers choose among six plural forms (zero, one, two, few,
### many, other), as CLDR defines them for Arabic.

language-name = العربية
# The CLDR locale whose date and time conventions this language follows.
dates-locale = ar
language-direction = rtl

## The page around everything

app-title = استقبال الموظفين
language-switch = اللغة
theme-dark = المظهر الداكن
skip-to-content = الانتقال إلى المحتوى

## Names of things

role-teacher = معلّم
role-admin_staff = موظف إداري
role-super_admin = مشرف عام
field-email = البريد الإلكتروني
field-full-name = الاسم الكامل
field-phone = رقم الهاتف
field-username = اسم المستخدم
field-password = كلمة المرور

## Time

time-under-a-minute = أقل من دقيقة
time-minutes = { $n ->
    [zero] { $n } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $n } دقائق
    [many] { $n } دقيقة
   *[other] { $n } دقيقة
}
time-hours = { $n ->
    [zero] { $n } ساعة
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $n } ساعات
    [many] { $n } ساعة
   *[other] { $n } ساعة
}
time-days = { $n ->
    [zero] { $n } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $n } أيام
    [many] { $n } يومًا
   *[other] { $n } يوم
}
time-in = بعد { $duration }
time-ago = منذ { $duration }
time-just-now = الآن
time-in-under-a-minute = بعد أقل من دقيقة

## What people type, and why it was refused

email-empty = أدخل عنوان بريد إلكتروني.
email-too-long = { $max ->
    [few] لا يمكن أن يزيد عنوان البريد الإلكتروني على { $max } أحرف.
    [many] لا يمكن أن يزيد عنوان البريد الإلكتروني على { $max } حرفًا.
   *[other] لا يمكن أن يزيد عنوان البريد الإلكتروني على { $max } حرف.
}
email-no-at = أدخل عنوانًا مثل name@school.org، فيه علامة @ واحدة.
email-bad-local-part = الجزء الذي يسبق @ غير صالح. استخدم الحروف والأرقام و . _ % + - ' ! # $ & * / = ? ^ ` {"{"} | {"}"} ~ فقط، من دون نقطة في البداية أو النهاية أو نقطتين متتاليتين.
email-bad-domain = يجب أن يكون الجزء الذي يلي @ نطاقًا مثل school.org.
email-whitespace = لا يمكن أن يحتوي عنوان البريد الإلكتروني على مسافات.
name-empty = أدخل اسمك الكامل.
name-too-long = { $max ->
    [few] لا يمكن أن يزيد الاسم على { $max } أحرف.
    [many] لا يمكن أن يزيد الاسم على { $max } حرفًا.
   *[other] لا يمكن أن يزيد الاسم على { $max } حرف.
}
name-control = لا يمكن أن يحتوي الاسم على محارف تحكّم.
name-invisible = لا يمكن أن يحتوي الاسم على محارف غير مرئية، أو على محارف لا تستطيع كل الأجهزة عرضها.
phone-empty = أدخل رقم هاتف.
phone-no-country-code = ابدأ الرقم بعلامة + ورمز البلد، مثل ⁦+966 50 123 4567⁩.
phone-bad-character = استخدم في رقم الهاتف الأرقام والمسافات والأقواس والنقاط والشرطات فقط.
phone-too-short = { $min ->
    [few] هذا الرقم قصير جدًا: يحتاج مع رمز البلد إلى { $min } أرقام على الأقل.
    [many] هذا الرقم قصير جدًا: يحتاج مع رمز البلد إلى { $min } رقمًا على الأقل.
   *[other] هذا الرقم قصير جدًا: يحتاج مع رمز البلد إلى { $min } رقم على الأقل.
}
phone-too-long = { $max ->
    [few] هذا الرقم طويل جدًا: أرقام الهواتف لا تزيد على { $max } أرقام.
    [many] هذا الرقم طويل جدًا: أرقام الهواتف لا تزيد على { $max } رقمًا.
   *[other] هذا الرقم طويل جدًا: أرقام الهواتف لا تزيد على { $max } رقم.
}
phone-bad-country-code = لا يبدأ رمز البلد أبدًا بالصفر.
username-empty = اختر اسم مستخدم.
username-too-short = { $min ->
    [few] يحتاج اسم المستخدم إلى { $min } أحرف على الأقل.
    [many] يحتاج اسم المستخدم إلى { $min } حرفًا على الأقل.
   *[other] يحتاج اسم المستخدم إلى { $min } حرف على الأقل.
}
username-too-long = { $max ->
    [few] لا يمكن أن يزيد اسم المستخدم على { $max } أحرف.
    [many] لا يمكن أن يزيد اسم المستخدم على { $max } حرفًا.
   *[other] لا يمكن أن يزيد اسم المستخدم على { $max } حرف.
}
username-start-letter = يجب أن يبدأ اسم المستخدم بحرف.
username-bad-character = استخدم في اسم المستخدم الحروف والأرقام والنقاط والشرطات السفلية والشرطات فقط.
username-reserved = اسم المستخدم هذا محجوز. اختر اسمًا آخر.
username-taken = اسم المستخدم هذا مستخدم من قبل. اختر اسمًا آخر.
password-empty = اختر كلمة مرور.
password-too-short = { $min ->
    [few] استخدم { $min } أحرف على الأقل. من السهل تذكّر جملة قصيرة.
    [many] استخدم { $min } حرفًا على الأقل. من السهل تذكّر جملة قصيرة.
   *[other] استخدم { $min } حرف على الأقل. من السهل تذكّر جملة قصيرة.
}
password-too-long = { $max ->
    [few] لا يمكن أن تزيد كلمة المرور على { $max } أحرف.
    [many] لا يمكن أن تزيد كلمة المرور على { $max } حرفًا.
   *[other] لا يمكن أن تزيد كلمة المرور على { $max } حرف.
}
password-contains-username = لا يمكن أن تحتوي كلمة المرور على اسم المستخدم.
password-contains-email = لا يمكن أن تحتوي كلمة المرور على جزء الاسم من بريدك الإلكتروني.
password-too-common = كلمة المرور هذه سهلة التخمين. جرّب بضع كلمات لا علاقة بينها.
role-unknown = اختر دورًا: معلّم أو موظف إداري.
role-not-invitable = لا تمكن دعوة الموظفين إلا بصفة معلّم أو موظف إداري.
passkey-name-empty = أعطِ مفتاح المرور اسمًا، مثل «هاتف العمل».
passkey-name-too-long = { $max ->
    [few] اجعل الاسم { $max } أحرف أو أقل.
    [many] اجعل الاسم { $max } حرفًا أو أقل.
   *[other] اجعل الاسم { $max } حرف أو أقل.
}
passkey-name-hidden = في الاسم محرف لا يمكن عرضه. اكتبه مرة أخرى من دونه.

## Refusals

setup-fields = بعض البيانات تحتاج إلى تصحيح.
setup-link-dead = لم يعد من الممكن استخدام هذا الرابط.
too-many-attempts = محاولات كثيرة جدًا. انتظر دقيقة ثم حاول مرة أخرى.
setup-unexpected = حدث خطأ من جهتنا. لم تُحفظ بياناتك؛ يُرجى المحاولة مرة أخرى.
network-unreachable = تعذّر الوصول إلى الخادم. تحقّق من اتصالك ثم حاول مرة أخرى.
request-unreadable = تعذّرت قراءة هذا الطلب ({ $detail }). لم يُحفظ أي شيء.
setup-email-in-use = هناك حساب أو دعوة تستخدم هذا البريد الإلكتروني بالفعل. اختر عنوانًا آخر.
passkey-belongs-elsewhere = مفتاح المرور هذا مرتبط بحساب آخر. أنشئ مفتاحًا جديدًا أو استخدم كلمة مرور.
passkeys-unavailable = مفاتيح المرور غير متاحة على هذا الموقع. استخدم كلمة مرور.
passkey-ceremony-stale = استغرق ذلك وقتًا طويلًا أو سبق استخدامه. يُرجى المحاولة مرة أخرى.
passkey-unverified = تعذّر التحقق من مفتاح المرور. يُرجى المحاولة مرة أخرى.
passkey-cancelled = لم يُنشأ أي مفتاح مرور ولم يُستخدم: أُغلقت النافذة أو انتهت مهلتها. حاول مرة أخرى أو استخدم كلمة مرور.
passkey-already-here = يوجد على هذا الجهاز مفتاح مرور لهذا الحساب بالفعل.
passkey-unsupported = لا يدعم هذا المتصفح مفاتيح المرور. استخدم كلمة مرور.
passkey-device-error = تعذّر على جهازك استخدام مفتاح مرور ({ $name }). حاول مرة أخرى أو استخدم كلمة مرور.

## The setup page

setup-title = إعداد حسابك
setup-invited-by = { $role ->
    [teacher] دعاك { $inviter } للانضمام إلى الهيئة التعليمية.
    [admin_staff] دعاك { $inviter } للانضمام إلى الطاقم الإداري.
   *[other] دعاك { $inviter } للانضمام بصفة مشرف عام.
}
setup-invited = { $role ->
    [teacher] تمت دعوتك للانضمام إلى الهيئة التعليمية.
    [admin_staff] تمت دعوتك للانضمام إلى الطاقم الإداري.
   *[other] تمت دعوتك للانضمام بصفة مشرف عام.
}
setup-link-until = يعمل هذا الرابط حتى { $when }.
setup-email-fixed = أُرسلت دعوتك إلى هذا العنوان، ولا يمكن تغييره.
setup-email-choose = ستسجّل الدخول بهذا العنوان أو باسم المستخدم
setup-phone-hint = مع رمز البلد، مثل ⁦+966 50 123 4567⁩
setup-username-hint = من { $min } إلى { $max } حرفًا: حروف وأرقام ونقاط وشرطات سفلية وشرطات، ويبدأ بحرف
password-rule = { $min ->
    [few] { $min } أحرف على الأقل. كل المحارف مقبولة: الجملة القصيرة سهلة التذكّر وصعبة التخمين. لا يمكن أن تحتوي على اسم المستخدم أو البريد الإلكتروني.
    [many] { $min } حرفًا على الأقل. كل المحارف مقبولة: الجملة القصيرة سهلة التذكّر وصعبة التخمين. لا يمكن أن تحتوي على اسم المستخدم أو البريد الإلكتروني.
   *[other] { $min } حرف على الأقل. كل المحارف مقبولة: الجملة القصيرة سهلة التذكّر وصعبة التخمين. لا يمكن أن تحتوي على اسم المستخدم أو البريد الإلكتروني.
}
password-progress = { $min ->
    [few] { $count } من { $min } أحرف
    [many] { $count } من { $min } حرفًا
   *[other] { $count } من { $min } حرف
}
password-show = إظهار
password-hide = إخفاء
password-strength = القوة: { $strength }
strength-weak = ضعيفة
strength-fair = مقبولة
strength-good = جيدة
strength-strong = قوية
username-available = ‏{ $name } متاح.
username-taken-free = اسم المستخدم هذا مستخدم من قبل. هذه الأسماء متاحة:
username-checking = جارٍ التحقق…
setup-passkey-title = سجّل الدخول بمفتاح مرور
setup-passkey-hint = بدلًا من كلمة المرور، استخدم بصمتك أو وجهك أو قفل الشاشة. لا شيء لتتذكّره، ولا يعمل إلا على هذا الموقع.
setup-passkey-create = إنشاء الحساب بمفتاح مرور
setup-use-password = استخدام كلمة مرور بدلًا من ذلك
setup-use-passkey = استخدام مفتاح مرور بدلًا من ذلك
setup-create = إنشاء الحساب
setup-creating = جارٍ إنشاء حسابك…
setup-waiting-for-passkey = في انتظار مفتاح المرور…
problem-title = هناك مشكلة
not-saved-title = لم يُنشأ حسابك.
not-saved-with-details = توقّف الرابط عن العمل قبل وصول بياناتك. هذا ما أدخلته، لتستخدمه مرة أخرى:
not-saved = توقّف الرابط عن العمل قبل وصول بياناتك.

## A link that doesn't work

link-checking = جارٍ التحقق من الرابط…
link-check-failed = تعذّر التحقق من هذا الرابط
link-invalid-title = هذا الرابط غير صالح
link-invalid = هذا الرابط غير صالح. تأكّد من أنك نسخت الرابط كاملًا من الرسالة.
link-expired-title = انتهت صلاحية هذا الرابط
link-expired = انتهت صلاحية هذا الرابط في { $when }. يمكنك طلب رابط جديد: سيُبلَّغ مسؤول مدرستك، وسيصلك الرابط الجديد بالبريد الإلكتروني.
link-used-title = سبق استخدام هذا الرابط
link-used = سبق استخدام هذا الرابط لإعداد حساب. سجّل الدخول بدلًا من ذلك.
link-superseded-title = هناك رابط أحدث
link-superseded = أُرسلت إليك دعوة أحدث. استخدم الرابط الموجود في أحدث رسالة.
link-revoked-title = سُحبت هذه الدعوة
link-revoked = سُحبت هذه الدعوة. تواصل مع مسؤول مدرستك.
link-sign-in = تسجيل الدخول
link-ask-new = طلب رابط جديد
link-new-asked = شكرًا لك. أُبلغ مسؤول مدرستك. عندما يرسل إليك دعوة جديدة، استخدم الرابط الموجود في تلك الرسالة.

## Emails

mail-invitation-subject = { $role ->
    [teacher] دعوة للانضمام إلى الهيئة التعليمية في { $school }
    [admin_staff] دعوة للانضمام إلى الطاقم الإداري في { $school }
   *[other] دعوة للانضمام إلى { $school } بصفة مشرف عام
}
mail-resend-subject = رابط دعوتك الجديد إلى { $school }
mail-invitation-heading = دعوة للانضمام إلى { $school }
mail-hello = مرحبًا،
mail-invited-by = { $role ->
    [teacher] دعاك { $inviter } للانضمام إلى الهيئة التعليمية في { $school }.
    [admin_staff] دعاك { $inviter } للانضمام إلى الطاقم الإداري في { $school }.
   *[other] دعاك { $inviter } للانضمام إلى { $school } بصفة مشرف عام.
}
mail-invited = { $role ->
    [teacher] تمت دعوتك للانضمام إلى الهيئة التعليمية في { $school }.
    [admin_staff] تمت دعوتك للانضمام إلى الطاقم الإداري في { $school }.
   *[other] تمت دعوتك للانضمام إلى { $school } بصفة مشرف عام.
}
mail-set-up-with = أعدّ حسابك بهذا الرابط:
mail-set-up-button = إعداد حسابك
mail-invitation-expires = يعمل الرابط مرة واحدة وتنتهي صلاحيته { $in } ({ $on }).
mail-new-link = هذا رابط جديد: روابط الدعوة السابقة لم تعد تعمل.
mail-what-next = ستضيف اسمك ورقم هاتفك، وتختار اسم مستخدم، ثم تسجّل الدخول بعد ذلك بمفتاح مرور (بصمتك أو وجهك أو قفل الشاشة) أو بكلمة مرور.
mail-copy-link = إذا لم يعمل الزر، فانسخ هذا الرابط إلى متصفحك:
mail-invitation-ignore = إذا لم تكن تنتظر هذه الرسالة، يمكنك تجاهلها. لن يُنشأ أي حساب ما لم يُستخدم الرابط.
mail-sign-in-subject = رابط تسجيل الدخول إلى { $school }
mail-hello-name = مرحبًا { $name }،
mail-sign-in-sent-by = أرسل إليك { $sender } رابطًا لتسجيل الدخول إلى { $school }.
mail-sign-in-asked = طلب أحدهم رابطًا لتسجيل الدخول إلى { $school } باسم المستخدم { $username }. إن كنت أنت، فها هو.
mail-sign-in-heading = رابط تسجيل الدخول
mail-sign-in-button = تسجيل الدخول
mail-sign-in-expires = يعمل مرة واحدة وتنتهي صلاحيته { $in } ({ $on }). يتيح لك إضافة مفتاح مرور أو تعيين كلمة مرور جديدة، ويسجّل خروجك من كل أجهزتك الأخرى.
mail-sign-in-ignore = إذا لم تطلب ذلك، يمكنك تجاهل هذه الرسالة: لن يتغير شيء ما لم يُستخدم الرابط.
mail-reminder-subject = تذكير: تنتهي صلاحية دعوتك إلى { $school } { $in }
mail-reminder-heading = دعوتك إلى { $school } ما زالت بانتظارك
mail-reminder-expires = هذا هو الرابط نفسه الموجود في رسالة الدعوة. يعمل مرة واحدة ويتوقف عن العمل { $in } ({ $on }).
mail-digest-subject = { $count ->
    [one] انتهت صلاحية دعوة أرسلتها
    [two] انتهت صلاحية دعوتين أرسلتهما
    [few] انتهت صلاحية { $count } دعوات أرسلتها
   *[other] انتهت صلاحية { $count } دعوة أرسلتها
}
mail-digest-heading = دعوات انتهت صلاحيتها
mail-digest-lead = { $count ->
    [one] انتهت صلاحية هذه الدعوة التي أرسلتها قبل أن يُنشئ بها أحد حسابًا:
    [two] انتهت صلاحية هاتين الدعوتين اللتين أرسلتهما قبل أن يُنشئ بهما أحد حسابًا:
   *[other] انتهت صلاحية هذه الدعوات التي أرسلتها قبل أن يُنشئ بها أحد حسابًا:
}
mail-digest-item = { $email }، انتهت صلاحيتها في { $on }
mail-digest-more = { $count ->
    [one] ودعوة أخرى
    [two] ودعوتان أخريان
    [few] و{ $count } دعوات أخرى
   *[other] و{ $count } دعوة أخرى
}
mail-digest-resend = ستجدها ضمن «منتهية الصلاحية» في صفحة الدعوات، ومن هناك يمكنك إرسال رابط جديد لكل منها.
mail-digest-button = عرض الدعوات المنتهية الصلاحية
mail-digest-turn-off = تصلك هذه الرسالة مرة واحدة في اليوم على الأكثر، وفقط عندما تنتهي صلاحية دعوة أرسلتها. لإيقافها، عطّلها من صفحة حسابك:

## Failures of the server

unexpected = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى.
outage-unreachable = لا يمكن الوصول إلى قاعدة البيانات الآن، لذلك لم يُحفظ أي شيء. يُرجى المحاولة مرة أخرى بعد دقيقة.
outage-cannot-write = لا تستطيع قاعدة البيانات تخزين أي شيء الآن (قرصها ممتلئ أو للقراءة فقط)، لذلك لم يُحفظ أي شيء. يُرجى إبلاغ المسؤول.

## The Super-Admin's changes to invitations, refused

invite-language-unknown = اختر إحدى اللغات الموجودة في القائمة.
invite-user-exists = يوجد مستخدم بهذا البريد الإلكتروني بالفعل.
invite-already-invited = سبقت دعوة هذا البريد الإلكتروني. استخدم «إعادة الإرسال» في صفه بدلًا من ذلك.
invite-not-found = هذه الدعوة غير موجودة. أعد تحميل القائمة.
invite-resend-limit = { $count ->
    [one] أُعيد إرسال هذه الدعوة مرة واحدة، وهذا هو الحد. ألغِها وادعُ من جديد إن لزم الأمر.
    [two] أُعيد إرسال هذه الدعوة مرتين، وهذا هو الحد. ألغِها وادعُ من جديد إن لزم الأمر.
    [few] أُعيد إرسال هذه الدعوة { $count } مرات، وهذا هو الحد. ألغِها وادعُ من جديد إن لزم الأمر.
   *[other] أُعيد إرسال هذه الدعوة { $count } مرة، وهذا هو الحد. ألغِها وادعُ من جديد إن لزم الأمر.
}
invite-same-email = هذا هو عنوان هذه الدعوة بالفعل. لإرسال رابطها مرة أخرى، استخدم «إعادة الإرسال».
invite-cannot-resend = { $status ->
    [accepted] لا يمكن إعادة إرسال الدعوات المقبولة.
    [revoked] لا يمكن إعادة إرسال الدعوات الملغاة.
    [expired] لا يمكن إعادة إرسال الدعوات المنتهية الصلاحية.
   *[other] لا يمكن إعادة إرسال الدعوات المعلّقة.
}
invite-cannot-revoke = { $status ->
    [accepted] لا يمكن إلغاء الدعوات المقبولة.
    [revoked] لا يمكن إلغاء الدعوات الملغاة.
    [expired] لا يمكن إلغاء الدعوات المنتهية الصلاحية.
   *[other] لا يمكن إلغاء الدعوات المعلّقة.
}
invite-cannot-correct = { $status ->
    [accepted] لا يمكن تغيير البريد الإلكتروني للدعوات المقبولة.
    [revoked] لا يمكن تغيير البريد الإلكتروني للدعوات الملغاة.
    [expired] لا يمكن تغيير البريد الإلكتروني للدعوات المنتهية الصلاحية.
   *[other] لا يمكن تغيير البريد الإلكتروني للدعوات المعلّقة.
}
invite-cannot-correct-expired = لا يمكن تغيير البريد الإلكتروني للدعوات المنتهية الصلاحية. أعد إرسالها أولًا، أو ألغِها وادعُ العنوان الصحيح.
invite-bulk-row-done = سبقت دعوة هذا الصف.
actor-deactivated = عُطّل حسابك، لذلك لم يتغير شيء.
invite-changed-meanwhile = غيّر شخص آخر هذه الدعوة للتو. أعد تحميل القائمة وحاول مرة أخرى.
bulk-too-many = { $max ->
    [few] القائمة أطول من { $max } صفوف. قسّمها وادعُ على دفعات.
    [many] القائمة أطول من { $max } صفًا. قسّمها وادعُ على دفعات.
   *[other] القائمة أطول من { $max } صف. قسّمها وادعُ على دفعات.
}
bulk-role-missing = أضف الدور بعد فاصلة: معلّم أو موظف إداري.

## Every page after setup: signing in, getting back in, the account

page-nav-invites = الدعوات
page-nav-dev-mailbox = بريد التطوير
page-nav-admin = الإدارة
page-sign-out = تسجيل الخروج
page-sign-in = تسجيل الدخول
page-or = أو
page-loading = جارٍ التحميل…
page-save = حفظ
page-cancel = إلغاء
page-home-lead = يدعو المشرف العام في مدرستك المعلّمين والموظفين الإداريين عبر البريد الإلكتروني. تحمل كل دعوة رابطًا يُستخدم مرة واحدة لتُعدّ به حسابك بنفسك.
page-home-invited-title = هل وصلتك دعوة؟
page-home-invited = افتح الرابط الموجود في رسالة الدعوة. يعمل الرابط مدة 24 ساعة ومرة واحدة فقط، لذا استخدم أحدث رسالة إن وصلتك أكثر من واحدة.
page-home-link-title = الرابط لا يعمل؟
page-home-link = اطلب من مسؤول مدرستك أن يعيد إرسال دعوتك.
page-not-found-title = الصفحة غير موجودة
page-not-found = لا يوجد شيء على هذا العنوان. تحقّق من الرابط أو عُد إلى صفحة البداية.
page-not-found-home = الذهاب إلى صفحة البداية
sign-in-title = تسجيل الدخول
sign-in-login = اسم المستخدم أو البريد الإلكتروني
sign-in-passkey = تسجيل الدخول بمفتاح مرور
sign-in-forgot = نسيت كلمة المرور أو مفتاح المرور؟
sign-in-new-staff = هل انضممت حديثًا؟ أعدّ حسابك أولًا بالرابط الموجود في رسالة الدعوة.
sign-in-forgot-title = استعادة الوصول إلى حسابك
sign-in-forgot-hint = فقدت كلمة المرور، أو الهاتف الذي يحمل مفتاح المرور؟ سنرسل إليك بالبريد الإلكتروني رابطًا يسجّل دخولك مرة واحدة، لتضيف مفتاح مرور أو تختار كلمة مرور جديدة.
sign-in-forgot-login = البريد الإلكتروني أو اسم المستخدم
sign-in-forgot-send = أرسل لي رابط تسجيل الدخول
sign-in-forgot-back = العودة إلى تسجيل الدخول
sign-in-forgot-asked = إن كان ذلك يطابق حسابًا، فرابط تسجيل الدخول في طريقه إلى البريد الإلكتروني لذلك الحساب. يعمل مرة واحدة ولمدة ساعة. لم يصلك شيء؟ تحقّق من مجلد البريد غير المرغوب فيه، أو اطلب من مسؤول مدرستك أن يرسل إليك رابطًا.
recovery-dead-title = لم يعد من الممكن استخدام رابط تسجيل الدخول هذا
recovery-dead-why = يعمل رابط تسجيل الدخول مرة واحدة ولمدة ساعة، وطلب رابط جديد يُبطل الروابط السابقة.
recovery-hello = مرحبًا { $name }
recovery-choose = اختر كيف ستسجّل الدخول من الآن فصاعدًا باسم المستخدم { $username }. سيُسجَّل خروجك من كل أجهزتك الأخرى.
recovery-until = يعمل هذا الرابط حتى { $when }.
account-passkey-add = إضافة مفتاح مرور
account-passkey-add-hint = سجّل الدخول ببصمتك أو وجهك أو قفل الشاشة.
account-password-new = كلمة المرور الجديدة
account-password-current = كلمة المرور الحالية
recovery-set-password = حفظ كلمة المرور وتسجيل الدخول
account-title = حسابك
account-welcome = حسابك جاهز، وقد سجّلت الدخول.
account-recovered = استعدت الوصول إلى حسابك، وسُجّل خروجك من كل أجهزتك الأخرى.
account-name = الاسم
account-role = الصفة
account-phone-none = غير مُدخل
account-signed-out = لم تسجّل الدخول.
account-devices-title = الأجهزة الأخرى
account-devices-hint = هل سجّلت الدخول على هاتف أو حاسوب لم تعد تستخدمه؟ أنهِ كل الجلسات الأخرى لحسابك دفعة واحدة.
account-sign-out-elsewhere = تسجيل الخروج من كل الأجهزة الأخرى
account-signed-out-elsewhere = سُجّل خروجك الآن من كل الأجهزة الأخرى. يبقى هذا المتصفح مسجّل الدخول.
account-language-hint = تُكتب بها صفحاتك ورسائلك (مثل روابط تسجيل الدخول).
account-language-default = لغة المدرسة
account-language-save = حفظ اللغة
account-language-saved = تم الحفظ.
account-digest-title = الدعوات المنتهية الصلاحية
account-digest-label = أرسل لي رسالة مرة واحدة في اليوم عندما تنتهي صلاحية دعوات أرسلتها
account-digest-none = لا ترسل لي رسائل بشأنها
account-digest-hint = تذكر الرسالة عناوينها وتتضمن رابطًا إليها في صفحة الدعوات، حيث يمكنك إرسال رابط جديد لكل منها. لا يُرسَل شيء في الأيام التي لا تنتهي فيها صلاحية أي دعوة.
account-digest-save = حفظ
account-digest-on = تم الحفظ. ستصلك الرسالة في الأيام التي تنتهي فيها صلاحية دعوة أرسلتها.
account-digest-off = تم الحفظ. لن تصلك هذه الرسائل بعد الآن.
account-ways-title = طرق تسجيل الدخول
account-passkeys-title = مفاتيح المرور
account-passkeys-hint = يسجّل مفتاح المرور دخولك ببصمتك أو وجهك أو قفل الشاشة. لا يمكن تخمينه ولا سرقته بالتصيّد.
account-passkey-added = أُضيف مفتاح المرور: { $name }.
account-passkey-added-on = أُضيف في { $when }
account-passkey-renamed = أُعيدت تسمية مفتاح المرور.
account-passkey-removed = أُزيل مفتاح المرور: لم يعد يُدخلك إلى هنا.
account-passkey-last-used = آخر استخدام في { $when }
account-passkey-never-used = لم يُستخدم لتسجيل الدخول بعد
account-passkey-name = الاسم
account-passkey-rename = إعادة التسمية
account-passkey-remove = إزالة
account-passkey-only-way = هذه طريقتك الوحيدة لتسجيل الدخول: أضف طريقة أخرى أولًا
account-password-title = كلمة المرور
account-password-has = يمكنك تسجيل الدخول بكلمة المرور.
account-password-none = ليست لديك كلمة مرور: تسجّل الدخول بمفتاح مرور. اختر كلمة مرور لتكون لديك طريقة أخرى للدخول.
account-password-none-school = ليست لديك كلمة مرور: تسجّل الدخول بحسابك على { $provider }. اختر كلمة مرور لتكون لديك طريقة أخرى للدخول.
account-password-change-title = تغيير كلمة المرور
account-password-change = تغيير كلمة المرور
account-password-set-title = اختيار كلمة مرور
account-password-set = حفظ كلمة المرور
account-password-saved = حُفظت كلمة المرور. سُجّل خروجك من كل الأجهزة الأخرى.

## Refusals on those pages

sign-in-rejected = اسم المستخدم أو البريد الإلكتروني لا يتطابق مع كلمة المرور. تحقّق منهما ثم حاول مرة أخرى.
sign-in-deactivated = عُطّل هذا الحساب. تواصل مع مسؤول مدرستك.
sign-in-busy = هناك الكثير من عمليات تسجيل الدخول المنتظرة الآن. حاول مرة أخرى بعد بضع ثوانٍ.
sign-in-passkey-refused = لا يمكن استخدام مفتاح المرور هذا لتسجيل الدخول هنا. حاول مرة أخرى، أو سجّل الدخول بكلمة المرور.
sign-in-needed = سجّل الدخول للمتابعة.
page-super-admin-only = لا يستطيع ذلك إلا مشرف عام.
page-redirect-refused = لا يمكن استخدام هذا العنوان للمتابعة. لم يتغيّر شيء؛ ارجع وحاول مرة أخرى.
recovery-limited = طلبات كثيرة جدًا من هنا. انتظر دقيقة ثم حاول مرة أخرى.
recovery-link-dead = لم يعد من الممكن استخدام رابط تسجيل الدخول هذا: فهو يعمل مرة واحدة ولمدة ساعة، ولا يعمل إلا أحدث رابط. اطلب رابطًا جديدًا.
account-passkey-taken = مفتاح المرور هذا مسجّل بالفعل، على هذا الحساب أو على حساب آخر.
account-passkey-gone = لم يعد مفتاح المرور هذا على حسابك. أعد تحميل الصفحة.
account-last-way-in = هذه طريقتك الوحيدة لتسجيل الدخول، فلا يمكن إزالتها. أضف مفتاح مرور آخر أو اختر كلمة مرور أولًا.
account-password-wrong = كلمة المرور الحالية غير صحيحة. لم يتغيّر شيء.
account-deactivated = عُطّل هذا الحساب.

## The Super-Admin's sign-in links for staff

staff-not-found = لم يعد هذا الحساب موجودًا. أعد تحميل قائمة الموظفين.
staff-deactivated-no-link = الحساب { $name } معطّل، فلم يُرسل أي رابط لتسجيل الدخول. أعد تفعيل الحساب أولًا.
staff-link-limit = أُرسلت روابط تسجيل دخول إلى هذا الحساب عدة مرات خلال الساعة الأخيرة. انتظر قليلًا قبل إرسال رابط آخر.
staff-link-sent = رابط تسجيل الدخول في طريقه إلى { $email }. يعمل مرة واحدة ولمدة ساعة.
actor-deactivated-nothing-sent = عُطّل حسابك، فلم يُرسل أي شيء.

## A page that isn't for this person

sign-in-to-continue = سجّل الدخول للمتابعة
page-needs-sign-in = تحتاج إلى تسجيل الدخول لعرض هذه الصفحة.
page-no-access-title = ليس لديك إذن بالوصول إلى هذه الصفحة
page-no-access = لا يستطيع فتح وحدة الإدارة إلا مشرف عام. إن احتجت إلى الوصول، فاطلبه من أحدهم.
page-no-access-account = الذهاب إلى حسابك

## تسجيل الدخول بحساب المدرسة (OpenID Connect)

setup-school-continue = المتابعة باستخدام { $provider }
setup-school-other = استخدام حساب { $provider } آخر
setup-school-or = أو أنشئ كلمة مرور أو مفتاح مرور
setup-school-verified = ستسجّل الدخول بحسابك على { $provider }، ‏{ $email }. راجع بياناتك أعلاه ثم أنشئ حسابك.
setup-school-instead = إنشاء كلمة مرور أو مفتاح مرور بدلًا من ذلك
setup-school-taken = حساب المدرسة هذا مرتبط بالفعل بحساب آخر هنا. استخدم حسابًا آخر، أو أنشئ كلمة مرور أو مفتاح مرور.
setup-school-stale = انتهت صلاحية تسجيل دخولك بحساب المدرسة. تابع به مرة أخرى، أو أنشئ كلمة مرور أو مفتاح مرور.
school-stale = استغرق تسجيل الدخول هذا وقتًا طويلًا، أو سبق استخدامه. يُرجى المحاولة مرة أخرى.
school-cancelled = لم تُكمل تسجيل الدخول بحساب المدرسة، لذا لم يتغيّر شيء.
school-refused = تعذّر التحقق من حساب المدرسة. يُرجى المحاولة مرة أخرى.
school-failed = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.
school-no-email = لم يشارك حساب المدرسة عنوان بريده الإلكتروني، لذا لا يمكن مطابقته مع هذه الدعوة.
school-unverified = لم تتحقق مدرستك من العنوان { $email } في ذلك الحساب، لذا لا يمكن استخدامه هنا.
school-other-domain = ‏{ $email } ليس من عناوين هذه المدرسة. استخدم حساب المدرسة.
school-mismatch = سجّلت الدخول باسم { $signed_in }، لكن هذه الدعوة موجّهة إلى { $invited }. استخدم حساب { $invited }، أو أنشئ كلمة مرور أو مفتاح مرور.
school-unknown = لا يوجد هنا حساب يسجّل الدخول بحساب المدرسة هذا. سجّل الدخول بطريقة أخرى، ثم اربطه من صفحة حسابك.
school-limited = محاولات تسجيل دخول كثيرة جدًا من شبكتك. انتظر دقيقة ثم حاول مرة أخرى.
school-address-refused = لا يمكن استخدام عنوان حساب المدرسة هذا هنا. استخدم حساب المدرسة، أو سجّل الدخول بطريقة أخرى.
school-account-elsewhere = حساب المدرسة هذا مرتبط بالفعل بحساب آخر هنا.
school-not-offered = لا يتيح هذا الموقع تسجيل الدخول بحساب المدرسة.
school-form-unreadable = لم يُرسَل هذا النموذج كاملًا. ارجع، وأعد تحميل الصفحة، ثم حاول مرة أخرى.
school-linked = تم ربط حساب المدرسة. يمكنك الآن تسجيل الدخول به.
sign-in-school = تسجيل الدخول باستخدام { $provider }
account-school-title = حساب المدرسة
account-school-linked = يمكنك تسجيل الدخول بحسابك على { $provider }، ‏{ $email }.
account-school-none = اربط حسابك على { $provider } لتسجّل الدخول به دون كلمة مرور.
account-school-link = ربط حسابك على { $provider }
account-school-unlink = إلغاء الربط
account-school-unlinked = تم إلغاء ربط حسابك على { $provider }: لم يعد يُدخلك إلى هنا.
account-school-not-linked = لا يوجد حساب مدرسة مرتبط بهذا الحساب.
account-school-only-way = هذه طريقتك الوحيدة لتسجيل الدخول: أضف مفتاح مرور أو كلمة مرور أولًا.
