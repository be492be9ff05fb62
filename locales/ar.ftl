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
