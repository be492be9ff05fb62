//! The dashboard's resources. The server writes a resource's first value into the page as
//! JSON, where the browser reads it; later values come from server functions, as JSON too.
//! Leptos reads the page's with `serde_json::from_str` and a server function's answer with
//! `from_slice`, and each of the two compiled its own copy of every type's decoder into the
//! WASM (a tenth of the dashboard's code before optimisation; docs/page-weight.md). These
//! resources read the page's JSON as bytes too, so each type has one decoder.

use std::future::Future;

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{Serialize, de::DeserializeOwned};

/// JSON, read as bytes (`serde_json::from_slice`), as the server functions' answers are.
pub struct JsonBytes;

impl<T: Serialize> Encoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(json.as_bytes())
    }
}

/// A resource of the dashboard.
pub type Loaded<T> = Resource<T, JsonBytes>;

/// `Resource::new`, with the page's JSON read as the server functions' answers are.
#[track_caller]
pub fn load<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
