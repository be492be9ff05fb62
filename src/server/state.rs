//! The state every handler and server fn can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::{config::Settings, store::Store};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub store: Arc<dyn Store>,
}

impl AppState {
    pub fn new(settings: Settings, store: Arc<dyn Store>) -> Self {
        Self {
            leptos_options: settings.leptos.clone(),
            settings: Arc::new(settings),
            store,
        }
    }
}
