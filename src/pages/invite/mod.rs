//! `/invite/{token}`: the invitee's setup page, and a clear page for every link that does
//! not work. Opening it changes nothing; only submitting the form uses the link.

mod form;
mod problem;
mod username;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::error_sentence;
use crate::api::setup::invitation_link;
use crate::domain::LinkState;

use form::SetupForm;
use problem::LinkProblem;

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, invitation_link);

    view! {
        <Suspense fallback=|| view! { <p>"Checking your link…"</p> }>
            {move || link.get().map(|result| match result {
                Ok(view) => match view.state {
                    LinkState::Valid { email, role, inviter_name, expires_at, choose_email } => {
                        view! {
                            <SetupForm
                                token=token()
                                email
                                choose_email
                                role
                                inviter=inviter_name
                                expires_at
                                school=view.school
                                password_policy=view.password_policy
                                refused=view.refused
                            />
                        }
                        .into_any()
                    }
                    other => view! {
                        <LinkProblem
                            state=other
                            token=token()
                            sent=view.refused.map(|refused| refused.draft)
                        />
                    }
                    .into_any(),
                },
                Err(error) => view! {
                    <section class="message-page">
                        <h1>"We couldn't check this link"</h1>
                        <p>{error_sentence(&error)}</p>
                    </section>
                }
                .into_any(),
            })}
        </Suspense>
    }
}
