//! Widgets shared by several pages.

pub mod debounce;
pub mod early_tap;
pub mod header;
pub mod later;
pub mod modal;
pub mod resource;
pub mod task;
pub mod theme_toggle;
pub mod toast;
pub mod words;
