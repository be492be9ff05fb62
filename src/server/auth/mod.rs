//! Who is asking, and may they: sessions, the one access guard, request hygiene (CSRF,
//! security headers, body size), safe redirects and rate limits.

pub mod client_ip;
pub mod device_cookie;
pub mod guard;
pub mod identity;
pub mod limits;
pub mod redirects;
pub mod security;
pub mod sessions;

pub use guard::{Access, Denied};
pub use identity::CurrentUser;
