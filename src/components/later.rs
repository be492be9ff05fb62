//! Hydration in steps. The browser compiles each WASM function the first time it is called,
//! on the main thread, so hydrating a whole page at once is one long task that nothing (a tap,
//! a paint) can interrupt. A view wrapped in [`later`] hydrates in a task of its own, after
//! what comes before it in the page, so each task stays short (see docs/page-weight.md).
//!
//! Only hydration waits: the server renders the view in place, and a view built in the
//! browser (a page reached by a link) is built at once, as it would be unwrapped. It needs a
//! router that hydrates a page's view asynchronously (`FlatRoutes`; `Routes` hydrates the
//! matched page in one go, so a `later` inside it would not wait).
//!
//! Between the steps the browser runs what is queued, effects included, and the parts
//! already hydrated answer input. What a later step hydrates must still find the state the
//! server rendered from, so:
//! - a value such a part shows is derived from the data the server rendered with, never set by
//!   an effect as the page starts (the Invites page's "Load more" follows its rows' `Latest`);
//! - a tap on the page's buttons before the whole page has hydrated is held back and tapped
//!   again once it has (`early_tap`), so it cannot open a dialog that has yet to hydrate.

use leptos::tachys::{
    html::attribute::{Attribute, any_attribute::AnyAttribute},
    hydration::Cursor,
    view::{Position, PositionState, Render, RenderHtml, add_attr::AddAnyAttr},
};

/// `view`, hydrated in a task of its own once the browser has had its turn.
pub fn later<V: RenderHtml>(view: V) -> Later<V> {
    Later(view)
}

/// A view that hydrates after a yield to the browser's event loop ([`later`]).
pub struct Later<V>(V);

impl<V: Render> Render for Later<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<V: RenderHtml> AddAnyAttr for Later<V> {
    type Output<SomeNewAttr: Attribute> = Later<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Later(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Later<V> {
    type AsyncOutput = Later<V::AsyncOutput>;
    type Owned = Later<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Later(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut leptos::tachys::ssr::StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        next_task().await;
        self.0.hydrate_async(cursor, position).await
    }

    fn into_owned(self) -> Self::Owned {
        Later(self.0.into_owned())
    }
}

/// Resolves in a new task of the browser's event loop (`setTimeout` 0), so that the task
/// running now ends here and input and paints can come between.
async fn next_task() {
    #[cfg(feature = "hydrate")]
    {
        let timer = js_sys::Promise::new(&mut |resolve, _| {
            let queued = web_sys::window().and_then(|window| {
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).ok()
            });
            // Without a timer to wait for, go on at once rather than never.
            if queued.is_none() {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
    }
}
