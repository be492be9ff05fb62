### Español.

language-name = Español
# The CLDR locale whose date and time conventions this language follows.
dates-locale = es
language-direction = ltr

## The page around everything

app-title = Incorporación del personal
language-switch = Idioma
theme-dark = Tema oscuro
skip-to-content = Saltar al contenido

## Names of things

role-teacher = Docente
role-admin_staff = Personal administrativo
role-super_admin = Superadministrador
field-email = Correo electrónico
field-full-name = Nombre completo
field-phone = Número de teléfono
field-username = Nombre de usuario
field-password = Contraseña

## Time

time-under-a-minute = menos de un minuto
time-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}
time-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
time-days = { $n ->
    [one] 1 día
   *[other] { $n } días
}
time-in = dentro de { $duration }
time-ago = hace { $duration }
time-just-now = ahora mismo
time-in-under-a-minute = en menos de un minuto

## What people type, and why it was refused

email-empty = Escribe una dirección de correo electrónico.
email-too-long = Una dirección de correo puede tener como máximo { $max } caracteres.
email-no-at = Escribe una dirección como nombre@colegio.org, con una sola @.
email-bad-local-part = La parte anterior a la @ no es válida. Usa solo letras, dígitos y . _ % + - ' ! # $ & * / = ? ^ ` {"{"} | {"}"} ~, sin un punto al principio, al final ni dos seguidos.
email-bad-domain = La parte posterior a la @ debe ser un dominio como colegio.org.
email-whitespace = Una dirección de correo no puede contener espacios.
name-empty = Escribe tu nombre completo.
name-too-long = Un nombre puede tener como máximo { $max } caracteres.
name-control = Un nombre no puede contener caracteres de control.
name-invisible = Un nombre no puede contener caracteres invisibles ni caracteres que no todos los dispositivos pueden mostrar.
phone-empty = Escribe un número de teléfono.
phone-no-country-code = Empieza el número con + y el prefijo del país, por ejemplo +34 612 345 678.
phone-bad-character = Usa solo dígitos, espacios, paréntesis, puntos y guiones en el número de teléfono.
phone-too-short = Ese número es demasiado corto: con el prefijo del país necesita al menos { $min } dígitos.
phone-too-long = Ese número es demasiado largo: los números de teléfono tienen como máximo { $max } dígitos.
phone-bad-country-code = Un prefijo de país nunca empieza por 0.
username-empty = Elige un nombre de usuario.
username-too-short = Un nombre de usuario necesita al menos { $min } caracteres.
username-too-long = Un nombre de usuario puede tener como máximo { $max } caracteres.
username-start-letter = Un nombre de usuario debe empezar por una letra.
username-bad-character = Usa solo letras, dígitos, puntos, guiones bajos y guiones en el nombre de usuario.
username-reserved = Ese nombre de usuario está reservado. Elige otro.
username-taken = Ese nombre de usuario ya está en uso. Elige otro.
password-empty = Elige una contraseña.
password-too-short = Usa al menos { $min } caracteres. Una frase corta es fácil de recordar.
password-too-long = Una contraseña puede tener como máximo { $max } caracteres.
password-contains-username = Tu contraseña no puede contener tu nombre de usuario.
password-contains-email = Tu contraseña no puede contener la parte del nombre de tu dirección de correo.
password-too-common = Esa contraseña es demasiado fácil de adivinar. Prueba con varias palabras sin relación entre sí.
role-unknown = Elige un rol: Docente o Personal administrativo.
role-not-invitable = Solo se puede invitar al personal como Docente o Personal administrativo.
passkey-name-empty = Ponle un nombre a la llave de acceso, por ejemplo «Móvil del trabajo».
passkey-name-too-long = El nombre puede tener como máximo { $max } caracteres.
passkey-name-hidden = El nombre tiene un carácter que no se puede mostrar. Escríbelo de nuevo sin él.

## Refusals

setup-fields = Hay datos que corregir.
setup-link-dead = Este enlace ya no se puede usar.
too-many-attempts = Demasiados intentos. Espera un minuto y vuelve a intentarlo.
setup-unexpected = Algo ha fallado por nuestra parte. Tus datos no se han guardado; inténtalo de nuevo.
network-unreachable = No hemos podido conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.
request-unreadable = No se ha podido leer esta solicitud ({ $detail }). No se ha guardado nada.
setup-email-in-use = Ya hay una cuenta o una invitación con este correo. Elige otro.
passkey-belongs-elsewhere = Esa llave de acceso ya pertenece a otra cuenta. Crea una nueva o usa una contraseña.
passkeys-unavailable = Este sitio no admite llaves de acceso. Usa una contraseña.
passkey-ceremony-stale = Ha tardado demasiado o ya se había usado. Inténtalo de nuevo.
passkey-unverified = No se ha podido comprobar tu llave de acceso. Inténtalo de nuevo.
passkey-cancelled = No se ha creado ni usado ninguna llave de acceso: el aviso se cerró o caducó. Inténtalo de nuevo o usa una contraseña.
passkey-already-here = Este dispositivo ya tiene una llave de acceso para esta cuenta.
passkey-unsupported = Este navegador no puede usar llaves de acceso. Usa una contraseña.
passkey-device-error = Tu dispositivo no ha podido usar una llave de acceso ({ $name }). Inténtalo de nuevo o usa una contraseña.

## The setup page

setup-title = Configura tu cuenta
setup-invited-by = { $role ->
    [teacher] { $inviter } te ha invitado a unirte como docente.
    [admin_staff] { $inviter } te ha invitado a unirte al personal administrativo.
   *[other] { $inviter } te ha invitado a unirte como superadministrador.
}
setup-invited = { $role ->
    [teacher] Te han invitado a unirte como docente.
    [admin_staff] Te han invitado a unirte al personal administrativo.
   *[other] Te han invitado a unirte como superadministrador.
}
setup-link-until = Este enlace funciona hasta el { $when }.
setup-email-fixed = Tu invitación se envió a esta dirección; no se puede cambiar.
setup-email-choose = Iniciarás sesión con esta dirección o con tu nombre de usuario
setup-phone-hint = Con el prefijo del país, por ejemplo +34 612 345 678
setup-username-hint = De { $min } a { $max } caracteres: letras, dígitos, puntos, guiones bajos y guiones, empezando por una letra
password-rule = Al menos { $min } caracteres. Vale cualquier carácter: una frase corta es fácil de recordar y difícil de adivinar. No puede contener tu nombre de usuario ni tu correo.
password-progress = { $count } de { $min } caracteres
password-show = Mostrar
password-hide = Ocultar
password-strength = Seguridad: { $strength }
strength-weak = Débil
strength-fair = Aceptable
strength-good = Buena
strength-strong = Muy buena
username-available = { $name } está disponible.
username-taken-free = Ese nombre de usuario ya está en uso. Estos están libres:
username-checking = Comprobando…
setup-passkey-title = Inicia sesión con una llave de acceso
setup-passkey-hint = En lugar de una contraseña, usa tu huella, tu cara o el bloqueo de pantalla. No tienes que recordar nada, y solo funciona en este sitio.
setup-passkey-create = Crear la cuenta con una llave de acceso
setup-use-password = Usar una contraseña
setup-use-passkey = Usar una llave de acceso
setup-create = Crear la cuenta
setup-creating = Creando tu cuenta…
setup-waiting-for-passkey = Esperando a tu llave de acceso…
problem-title = Hay un problema
not-saved-title = No se ha creado tu cuenta.
not-saved-with-details = El enlace dejó de funcionar antes de que llegaran tus datos. Esto es lo que escribiste, para que puedas volver a usarlo:
not-saved = El enlace dejó de funcionar antes de que llegaran tus datos.

## A link that doesn't work

link-checking = Comprobando tu enlace…
link-check-failed = No hemos podido comprobar este enlace
link-invalid-title = Este enlace no es válido
link-invalid = Este enlace no es válido. Comprueba que has copiado el enlace completo del correo.
link-expired-title = Este enlace ha caducado
link-expired = Este enlace caducó el { $when }. Puedes pedir uno nuevo: se avisará al administrador de tu centro y el nuevo enlace te llegará por correo.
link-used-title = Este enlace ya se ha usado
link-used = Este enlace ya se ha usado para configurar una cuenta. Inicia sesión.
link-superseded-title = Hay un enlace más reciente
link-superseded = Te hemos enviado una invitación más reciente. Usa el enlace del último correo.
link-revoked-title = Se ha retirado esta invitación
link-revoked = Se ha retirado esta invitación. Ponte en contacto con el administrador de tu centro.
link-sign-in = Iniciar sesión
link-ask-new = Pedir un enlace nuevo
link-new-asked = Gracias. Hemos avisado al administrador de tu centro. Cuando te envíe una nueva invitación, usa el enlace de ese correo.

## Emails

mail-invitation-subject = { $role ->
    [teacher] Te invitan a unirte a { $school } como docente
    [admin_staff] Te invitan a unirte a { $school } como personal administrativo
   *[other] Te invitan a unirte a { $school } como superadministrador
}
mail-resend-subject = Tu nuevo enlace de invitación para { $school }
mail-invitation-heading = Te invitan a unirte a { $school }
mail-hello = Hola:
mail-invited-by = { $role ->
    [teacher] { $inviter } te ha invitado a unirte a { $school } como docente.
    [admin_staff] { $inviter } te ha invitado a unirte a { $school } como miembro del personal administrativo.
   *[other] { $inviter } te ha invitado a unirte a { $school } como superadministrador.
}
mail-invited = { $role ->
    [teacher] Te han invitado a unirte a { $school } como docente.
    [admin_staff] Te han invitado a unirte a { $school } como miembro del personal administrativo.
   *[other] Te han invitado a unirte a { $school } como superadministrador.
}
mail-set-up-with = Configura tu cuenta con este enlace:
mail-set-up-button = Configurar mi cuenta
mail-invitation-expires = El enlace funciona una sola vez y caduca { $in } ({ $on }).
mail-new-link = Este es un enlace nuevo: los enlaces de invitación anteriores ya no funcionan.
mail-what-next = Añadirás tu nombre y tu número de teléfono, elegirás un nombre de usuario y, a partir de entonces, iniciarás sesión con una llave de acceso (tu huella, tu cara o el bloqueo de pantalla) o con una contraseña.
mail-copy-link = Si el botón no funciona, copia este enlace en tu navegador:
mail-invitation-ignore = Si no esperabas este correo, puedes ignorarlo. No se crea ninguna cuenta a menos que se use el enlace.
mail-sign-in-subject = Tu enlace para iniciar sesión en { $school }
mail-hello-name = Hola, { $name }:
mail-sign-in-sent-by = { $sender } te ha enviado un enlace para iniciar sesión en { $school }.
mail-sign-in-asked = Alguien ha pedido un enlace para iniciar sesión en { $school } como { $username }. Si has sido tú, aquí lo tienes.
mail-sign-in-heading = Tu enlace para iniciar sesión
mail-sign-in-button = Iniciar sesión
mail-sign-in-expires = Funciona una sola vez y caduca { $in } ({ $on }). Te permite añadir una llave de acceso o elegir una contraseña nueva, y cierra tu sesión en todos los demás dispositivos.
mail-sign-in-ignore = Si no lo has pedido, puedes ignorar este correo: nada cambia a menos que se use el enlace.
mail-reminder-subject = Recordatorio: tu invitación a { $school } caduca { $in }
mail-reminder-heading = Tu invitación a { $school } sigue esperándote
mail-reminder-expires = Es el mismo enlace que en tu correo de invitación. Funciona una sola vez y deja de funcionar { $in } ({ $on }).
mail-digest-subject = { $count ->
    [one] Ha caducado una invitación que enviaste
   *[other] Han caducado { $count } invitaciones que enviaste
}
mail-digest-heading = Invitaciones caducadas
mail-digest-lead = { $count ->
    [one] Esta invitación que enviaste caducó sin que nadie creara una cuenta con ella:
   *[other] Estas invitaciones que enviaste caducaron sin que nadie creara una cuenta con ellas:
}
mail-digest-item = { $email }, caducó el { $on }
mail-digest-more = { $count ->
    [one] y 1 más
   *[other] y { $count } más
}
mail-digest-resend = Las encontrarás en Invitaciones, en Caducadas, desde donde puedes enviar a cada una un enlace nuevo.
mail-digest-button = Ver las invitaciones caducadas
mail-digest-turn-off = Recibes este correo como mucho una vez al día, y solo cuando ha caducado una invitación que enviaste. Para dejar de recibirlo, desactívalo en la página de tu cuenta:

## Failures of the server

unexpected = Algo ha fallado por nuestra parte. Inténtalo de nuevo.
outage-unreachable = Ahora mismo no se puede acceder a la base de datos, así que no se ha guardado nada. Vuelve a intentarlo dentro de un minuto.
outage-cannot-write = Ahora mismo la base de datos no puede guardar nada (su disco está lleno o es de solo lectura), así que no se ha guardado nada. Avisa a tu administrador.

## The Super-Admin's changes to invitations, refused

invite-language-unknown = Elige uno de los idiomas de la lista.
invite-user-exists = Ya existe un usuario con este correo.
invite-already-invited = Este correo ya tiene una invitación. Usa «Reenviar» en su fila.
invite-not-found = Esa invitación no existe. Vuelve a cargar la lista.
invite-resend-limit = { $count ->
    [one] Esta invitación ya se ha reenviado una vez, que es el límite. Revócala y vuelve a invitar si hace falta.
   *[other] Esta invitación ya se ha reenviado { $count } veces, que es el límite. Revócala y vuelve a invitar si hace falta.
}
invite-same-email = Esa ya es la dirección de esta invitación. Para volver a enviar su enlace, usa «Reenviar».
invite-cannot-resend = { $status ->
    [accepted] No se pueden reenviar las invitaciones aceptadas.
    [revoked] No se pueden reenviar las invitaciones revocadas.
    [expired] No se pueden reenviar las invitaciones caducadas.
   *[other] No se pueden reenviar las invitaciones pendientes.
}
invite-cannot-revoke = { $status ->
    [accepted] No se pueden revocar las invitaciones aceptadas.
    [revoked] No se pueden revocar las invitaciones revocadas.
    [expired] No se pueden revocar las invitaciones caducadas.
   *[other] No se pueden revocar las invitaciones pendientes.
}
invite-cannot-correct = { $status ->
    [accepted] No se puede cambiar el correo de las invitaciones aceptadas.
    [revoked] No se puede cambiar el correo de las invitaciones revocadas.
    [expired] No se puede cambiar el correo de las invitaciones caducadas.
   *[other] No se puede cambiar el correo de las invitaciones pendientes.
}
invite-cannot-correct-expired = No se puede cambiar el correo de las invitaciones caducadas. Reenvíala primero, o revócala e invita a la dirección correcta.
invite-bulk-row-done = Esta fila ya se había invitado.
actor-deactivated = Tu cuenta se ha desactivado, así que no se ha cambiado nada.
invite-changed-meanwhile = Otra persona acaba de cambiar esta invitación. Vuelve a cargar la lista e inténtalo de nuevo.
bulk-too-many = Son más de { $max } filas. Divide la lista e invita por partes.
bulk-role-missing = Añade el rol después de una coma: Docente o Personal administrativo.

## Every page after setup: signing in, getting back in, the account

page-nav-invites = Invitaciones
page-nav-dev-mailbox = Buzón de desarrollo
page-nav-admin = Administración
page-sign-out = Cerrar sesión
page-sign-in = Iniciar sesión
page-or = o
page-loading = Cargando…
page-save = Guardar
page-cancel = Cancelar
page-home-lead = El superadministrador de tu centro invita por correo electrónico a docentes y personal administrativo. Cada invitación incluye un enlace de un solo uso para que configures tu propia cuenta.
page-home-invited-title = ¿Te han invitado?
page-home-invited = Abre el enlace de tu correo de invitación. Funciona durante 24 horas y una sola vez, así que usa el correo más reciente si has recibido más de uno.
page-home-link-title = ¿El enlace no funciona?
page-home-link = Pide al administrador de tu centro que vuelva a enviarte la invitación.
page-not-found-title = Página no encontrada
page-not-found = No hay nada en esta dirección. Comprueba el enlace o vuelve al inicio.
page-not-found-home = Ir a la página de inicio
sign-in-title = Iniciar sesión
sign-in-login = Nombre de usuario o correo electrónico
sign-in-passkey = Iniciar sesión con una llave de acceso
sign-in-forgot = ¿Has olvidado tu contraseña o tu llave de acceso?
sign-in-new-staff = ¿Te acabas de incorporar? Configura primero tu cuenta con el enlace de tu correo de invitación.
sign-in-forgot-title = Recupera el acceso a tu cuenta
sign-in-forgot-hint = ¿Has perdido tu contraseña o el teléfono que guardaba tu llave de acceso? Te enviaremos por correo un enlace que inicia sesión una sola vez, para que añadas una llave de acceso o elijas una contraseña nueva.
sign-in-forgot-login = Correo electrónico o nombre de usuario
sign-in-forgot-send = Enviarme un enlace de inicio de sesión
sign-in-forgot-back = Volver a iniciar sesión
sign-in-forgot-asked = Si coincide con una cuenta, enviaremos un enlace de inicio de sesión al correo de esa cuenta. Funciona una sola vez, durante una hora. ¿No ha llegado nada? Revisa la carpeta de spam o pide al administrador de tu centro que te envíe uno.
recovery-dead-title = Este enlace de inicio de sesión ya no se puede usar
recovery-dead-why = Un enlace de inicio de sesión funciona una sola vez, durante una hora, y al pedir uno nuevo los anteriores dejan de funcionar.
recovery-hello = Hola, { $name }
recovery-choose = Elige cómo iniciarás sesión a partir de ahora como { $username }. Se cerrará tu sesión en todos los demás dispositivos.
recovery-until = Este enlace funciona hasta el { $when }.
account-passkey-add = Añadir una llave de acceso
account-passkey-add-hint = Inicia sesión con tu huella, tu cara o el bloqueo de pantalla.
account-password-new = Contraseña nueva
account-password-current = Contraseña actual
recovery-set-password = Guardar la contraseña e iniciar sesión
account-title = Tu cuenta
account-welcome = Tu cuenta está lista y has iniciado sesión.
account-recovered = Has recuperado el acceso y se ha cerrado tu sesión en todos los demás dispositivos.
account-name = Nombre
account-role = Función
account-phone-none = Sin indicar
account-signed-out = No has iniciado sesión.
account-devices-title = Otros dispositivos
account-devices-hint = ¿Tienes la sesión abierta en un teléfono u ordenador que ya no usas? Cierra a la vez todas las demás sesiones de tu cuenta.
account-sign-out-elsewhere = Cerrar sesión en los demás dispositivos
account-signed-out-elsewhere = Se ha cerrado tu sesión en todos los demás dispositivos. Este navegador sigue con la sesión iniciada.
account-language-hint = Tus páginas y tus correos (como los enlaces de inicio de sesión) están en este idioma.
account-language-default = El del centro
account-language-save = Guardar idioma
account-language-saved = Guardado.
account-digest-title = Invitaciones caducadas
account-digest-label = Enviarme un correo una vez al día cuando caduquen invitaciones que he enviado
account-digest-none = No enviarme correos sobre ellas
account-digest-hint = El correo enumera sus direcciones y enlaza con ellas en Invitaciones, desde donde puedes enviar a cada una un enlace nuevo. Los días en que no caduca ninguna, no se envía nada.
account-digest-save = Guardar
account-digest-on = Guardado. Recibirás el correo los días en que caduque alguna invitación que hayas enviado.
account-digest-off = Guardado. Ya no recibirás estos correos.
account-ways-title = Formas de iniciar sesión
account-passkeys-title = Llaves de acceso
account-passkeys-hint = Una llave de acceso inicia sesión con tu huella, tu cara o el bloqueo de pantalla. No se puede adivinar ni robar con un engaño.
account-passkey-added = Llave de acceso añadida: { $name }.
account-passkey-added-on = Añadida el { $when }
account-passkey-renamed = Llave de acceso renombrada.
account-passkey-removed = Llave de acceso eliminada: ya no te da acceso.
account-passkey-last-used = Último uso: { $when }
account-passkey-never-used = Aún no se ha usado para iniciar sesión
account-passkey-name = Nombre
account-passkey-rename = Cambiar nombre
account-passkey-remove = Quitar
account-passkey-only-way = Es tu única forma de iniciar sesión: añade otra primero
account-password-title = Contraseña
account-password-has = Puedes iniciar sesión con tu contraseña.
account-password-none = No tienes contraseña: inicias sesión con una llave de acceso. Elige una para tener otra forma de entrar.
account-password-none-school = No tienes contraseña: inicias sesión con tu cuenta de { $provider }. Elige una para tener otra forma de entrar.
account-password-change-title = Cambiar tu contraseña
account-password-change = Cambiar contraseña
account-password-set-title = Elegir una contraseña
account-password-set = Guardar contraseña
account-password-saved = Tu contraseña se ha guardado. Se ha cerrado tu sesión en todos los demás dispositivos.

## Refusals on those pages

sign-in-rejected = El nombre de usuario o correo y la contraseña no coinciden. Compruébalos y vuelve a intentarlo.
sign-in-deactivated = Esta cuenta se ha desactivado. Ponte en contacto con el administrador de tu centro.
sign-in-busy = Ahora mismo hay muchos inicios de sesión en espera. Vuelve a intentarlo dentro de unos segundos.
sign-in-passkey-refused = Esa llave de acceso no sirve para iniciar sesión aquí. Vuelve a intentarlo o inicia sesión con tu contraseña.
sign-in-needed = Inicia sesión para continuar.
page-super-admin-only = Solo un superadministrador puede hacerlo.
page-redirect-refused = Esa dirección no se puede usar para continuar. No se ha cambiado nada; vuelve atrás e inténtalo de nuevo.
recovery-limited = Demasiadas solicitudes desde aquí. Espera un minuto y vuelve a intentarlo.
recovery-link-dead = Este enlace de inicio de sesión ya no se puede usar: funciona una sola vez, durante una hora, y solo vale el más reciente. Pide uno nuevo.
account-passkey-taken = Esa llave de acceso ya está registrada, en esta cuenta o en otra.
account-passkey-gone = Esa llave de acceso ya no está en tu cuenta. Vuelve a cargar la página.
account-last-way-in = Es tu única forma de iniciar sesión, así que no se puede quitar. Añade otra llave de acceso o elige una contraseña primero.
account-password-wrong = Tu contraseña actual no es correcta. No se ha cambiado nada.
account-deactivated = Esta cuenta se ha desactivado.

## The Super-Admin's sign-in links for staff

staff-not-found = Esa cuenta ya no existe. Vuelve a cargar la lista del personal.
staff-deactivated-no-link = { $name } está desactivado, así que no se ha enviado ningún enlace de inicio de sesión. Reactiva primero la cuenta.
staff-link-limit = Ya se han enviado varios enlaces de inicio de sesión a esta cuenta en la última hora. Espera un rato antes de enviar otro.
staff-link-sent = Se está enviando un enlace de inicio de sesión a { $email }. Funciona una sola vez, durante una hora.
actor-deactivated-nothing-sent = Tu cuenta se ha desactivado, así que no se ha enviado nada.

## A page that isn't for this person

sign-in-to-continue = Inicia sesión para continuar
page-needs-sign-in = Para ver esta página tienes que iniciar sesión.
page-no-access-title = No tienes acceso a esta página
page-no-access = Solo un superadministrador puede abrir el módulo de administración. Si necesitas acceso, pídeselo a uno.
page-no-access-account = Ir a tu cuenta

## Iniciar sesión con la cuenta del centro (OpenID Connect)

setup-school-continue = Continuar con { $provider }
setup-school-other = Usar otra cuenta de { $provider }
setup-school-or = o crea una contraseña o una llave de acceso
setup-school-verified = Iniciarás sesión con tu cuenta de { $provider }, { $email }. Revisa tus datos y crea tu cuenta.
setup-school-instead = Crear una contraseña o una llave de acceso
setup-school-taken = Esa cuenta del centro ya da acceso a otra cuenta de aquí. Usa otra o crea una contraseña o una llave de acceso.
setup-school-stale = Tu inicio de sesión con la cuenta del centro ha caducado. Vuelve a continuar con ella o crea una contraseña o una llave de acceso.
school-stale = Ese inicio de sesión tardó demasiado o ya se usó. Vuelve a intentarlo.
school-cancelled = No terminaste de iniciar sesión con la cuenta del centro, así que no ha cambiado nada.
school-refused = No se pudo comprobar tu cuenta del centro. Vuelve a intentarlo.
school-failed = Algo ha fallado por nuestra parte. Vuelve a intentarlo dentro de un momento.
school-no-email = Tu cuenta del centro no ha compartido su dirección de correo, así que no se puede asociar a esta invitación.
school-unverified = Tu centro no ha verificado la dirección { $email } de esa cuenta, así que no se puede usar aquí.
school-other-domain = { $email } no es una dirección de este centro. Usa tu cuenta del centro.
school-mismatch = Has iniciado sesión como { $signed_in }, pero esta invitación es para { $invited }. Usa la cuenta de { $invited } o crea una contraseña o una llave de acceso.
school-unknown = Ninguna cuenta de aquí usa esa cuenta del centro. Inicia sesión de otra forma y vincúlala en la página de tu cuenta.
school-limited = Demasiados intentos de inicio de sesión desde tu red. Espera un minuto y vuelve a intentarlo.
school-address-refused = La dirección de esa cuenta del centro no se puede usar aquí. Usa tu cuenta del centro o inicia sesión de otra forma.
school-account-elsewhere = Esa cuenta del centro ya da acceso a otra cuenta de aquí.
school-not-offered = Este sitio no permite iniciar sesión con una cuenta del centro.
school-form-unreadable = Este formulario no se envió completo. Vuelve atrás, recarga la página e inténtalo de nuevo.
school-linked = Tu cuenta del centro está vinculada. Ya puedes iniciar sesión con ella.
sign-in-school = Iniciar sesión con { $provider }
account-school-title = Cuenta del centro
account-school-linked = Puedes iniciar sesión con tu cuenta de { $provider }, { $email }.
account-school-none = Vincula tu cuenta de { $provider } para iniciar sesión con ella, sin contraseña.
account-school-link = Vincular tu cuenta de { $provider }
account-school-unlink = Desvincularla
account-school-unlinked = Tu cuenta de { $provider } se ha desvinculado: ya no te da acceso aquí.
account-school-not-linked = Esta cuenta no tiene ninguna cuenta del centro vinculada.
account-school-only-way = Es tu única forma de iniciar sesión: añade antes una llave de acceso o una contraseña.
