//! The dialogs' and the header's cards. Each is a fixture: a key (the last part of its own
//! address, `/gallery/dialogs/purchase-priced`, `/gallery/actions/on`), a label, and how its
//! card is made. The sections, the single-card pages and the catalogue read the same lists.

use super::accounts::Accounts;
use super::card::{section_names, Card};
use super::checks::Ready;
use crate::api::demo::{Endpoint, Failure, MockClient, Scenario};
use crate::api::types::JobStatus;
use crate::api::UsageApi;
use crate::dialogs::recalculate::RecalculateDialog;
use crate::state::action::use_action;
use crate::state::app_context::AppContext;
use crate::state::dash::DashAnswers;
use crate::state::preview::DialogPreset;
use crate::state::recalculation::{use_recalculation, RecalcState, Recalculation};
use leptos::prelude::*;
use std::sync::Arc;

/// What a fixture's card is made of.
pub(super) struct Setup {
    api: MockClient,
    dialog: Option<DialogPreset>,
    /// Runs once the card's dashboard state exists.
    on_ready: Option<Callback<AppContext>>,
    body: ChildrenFn,
}

/// One card.
pub(super) struct Fixture {
    pub key: &'static str,
    pub label: &'static str,
    /// When the card shows its state (what its check waits for).
    ready: Ready,
    make: fn(&Accounts) -> Setup,
}

/// Cards about one thing: a dialog, or the header.
pub(super) struct Shelf {
    /// What the cards show ("Purchase credits"): the first part of each card's name, and the
    /// shelf's heading where its section has more than one.
    pub subject: &'static str,
    pub cards: &'static [Fixture],
}

/// A section of fixtures: the dialogs, or the header.
pub(super) struct Fixtures {
    /// The section's address, `/gallery/{key}`.
    pub key: &'static str,
    pub title: &'static str,
    /// Put before a card's key in its test id (`gallery-actions-on`; the dialogs' keys already
    /// name their dialog).
    testid_prefix: &'static str,
    grid: &'static str,
    pub shelves: &'static [Shelf],
}

impl Fixtures {
    pub fn has(&self, key: &str) -> bool {
        self.cards().any(|(_, f)| f.key == key)
    }

    /// Every card, with its shelf.
    pub fn cards(&self) -> impl Iterator<Item = (&'static Shelf, &'static Fixture)> {
        self.shelves
            .iter()
            .flat_map(|s| s.cards.iter().map(move |f| (s, f)))
    }

    /// A card's label in the catalogue: named by its shelf where the section has several.
    pub fn listed(&self, shelf: &Shelf, fixture: &Fixture) -> String {
        if self.shelves.len() > 1 {
            format!("{}: {}", shelf.subject, fixture.label)
        } else {
            fixture.label.to_string()
        }
    }

    /// The section, or only the card `only` (its key).
    pub fn section(&'static self, accounts: &Accounts, only: Option<&str>) -> impl IntoView {
        let shelves = self
            .shelves
            .iter()
            .filter_map(|shelf| {
                let cards: Vec<_> = shelf
                    .cards
                    .iter()
                    .filter(|f| only.is_none_or(|o| o == f.key))
                    .map(|f| {
                        let Setup {
                            api,
                            dialog,
                            on_ready,
                            body,
                        } = (f.make)(accounts);
                        view! {
                            <Card
                                testid=format!("gallery-{}{}", self.testid_prefix, f.key)
                                subject=shelf.subject
                                label=f.label
                                ready=f.ready
                                href=format!("/gallery/{}/{}", self.key, f.key)
                                api=UsageApi::Mock(api)
                                dialog=dialog
                                on_ready=on_ready
                                children=body
                            />
                        }
                    })
                    .collect();
                if cards.is_empty() {
                    return None;
                }
                let heading = (self.shelves.len() > 1).then_some(shelf.subject);
                Some(view! {
                    {heading.map(|h| view! { <h3>{h}</h3> })}
                    <div class=self.grid>{cards}</div>
                })
            })
            .collect_view();
        let (id, title_id, twin) = section_names(self.key);
        let labelled_by = title_id.clone();
        view! {
            <section
                class="gallery-piece"
                id=id
                data-testid=format!("gallery-{}", self.key)
                aria-labelledby=labelled_by
            >
                <h2 id=title_id>{self.title}{twin}</h2>
                {shelves}
            </section>
        }
    }
}

pub(super) const DIALOGS: Fixtures = Fixtures {
    key: "dialogs",
    title: "Dialogs",
    testid_prefix: "",
    grid: "gallery-grid gallery-dialogs",
    shelves: &[
        Shelf {
            subject: "Purchase credits",
            cards: &[
                Fixture {
                    key: "purchase-loading",
                    label: "Loading prices",
                    ready: Ready::Drawn,
                    make: |a| purchase(stalls(a, Endpoint::Pricing), None, false),
                },
                Fixture {
                    key: "purchase-error",
                    label: "Prices failed",
                    ready: Ready::Shows("[data-testid=error]"),
                    make: |a| purchase(fails(a, Endpoint::Pricing), None, false),
                },
                Fixture {
                    key: "purchase-empty",
                    label: "Nothing chosen",
                    ready: Ready::Shows("[data-testid=purchase-confirm]"),
                    make: |a| purchase(typical(a), None, false),
                },
                Fixture {
                    key: "purchase-priced",
                    label: "Amount priced",
                    ready: Ready::Shows("[data-testid=purchase-price]"),
                    make: |a| purchase(typical(a), Some("25000"), false),
                },
                Fixture {
                    key: "purchase-invalid",
                    label: "Invalid amount",
                    ready: Ready::Shows("[data-testid=purchase-error]"),
                    make: |a| purchase(typical(a), Some("12.5"), false),
                },
                Fixture {
                    key: "purchase-pending",
                    label: "Purchasing",
                    ready: Ready::Reads("[data-testid=purchase-confirm]", "Purchasing…"),
                    make: |a| purchase(stalls(a, Endpoint::Purchases), Some("5000"), true),
                },
                Fixture {
                    key: "purchase-declined",
                    label: "Card declined",
                    ready: Ready::Shows("[data-testid=purchase-failure]"),
                    make: |a| purchase(fails(a, Endpoint::Purchases), Some("5000"), true),
                },
                Fixture {
                    key: "purchase-success",
                    label: "Purchased",
                    ready: Ready::Shows("[data-testid=purchase-success]"),
                    make: |a| purchase(typical(a), Some("5000"), true),
                },
            ],
        },
        Shelf {
            subject: "Auto-recharge",
            cards: &[
                Fixture {
                    key: "auto-recharge-loading",
                    label: "Loading settings",
                    ready: Ready::Drawn,
                    make: |a| recharge(stalls(a, Endpoint::AutoRecharge), None, false),
                },
                Fixture {
                    key: "auto-recharge-form",
                    label: "Turning on",
                    ready: Ready::Shows("[data-testid=auto-recharge-amount]"),
                    make: |a| recharge(typical(a), None, false),
                },
                Fixture {
                    key: "auto-recharge-invalid",
                    label: "Invalid amount",
                    ready: Ready::Shows("[data-testid=auto-recharge-error]"),
                    make: |a| recharge(typical(a), Some("0"), true),
                },
                Fixture {
                    key: "auto-recharge-pending",
                    label: "Saving",
                    ready: Ready::Reads("[data-testid=auto-recharge-save]", "Saving…"),
                    make: |a| recharge(stalls(a, Endpoint::AutoRechargeSave), None, true),
                },
                Fixture {
                    key: "auto-recharge-failure",
                    label: "Save failed",
                    ready: Ready::Shows("[data-testid=auto-recharge-failure]"),
                    make: |a| recharge(fails(a, Endpoint::AutoRechargeSave), None, true),
                },
                Fixture {
                    key: "auto-recharge-last-failure",
                    label: "Last recharge failed",
                    ready: Ready::Shows("[data-testid=auto-recharge-last-failure]"),
                    make: |a| recharge(a.own(Scenario::LowBalance), None, false),
                },
            ],
        },
        Shelf {
            subject: "Recalculate usage",
            cards: &[
                Fixture {
                    key: "recalculate-idle",
                    label: "Ready to start",
                    ready: Ready::Shows("[data-testid=recalculate-start]"),
                    make: |a| recalculate(typical(a), |_| {}),
                },
                Fixture {
                    key: "recalculate-running",
                    label: "Running",
                    ready: Ready::Shows("[data-testid=recalculate-progress]"),
                    make: |a| recalculate(typical(a), half_done),
                },
                Fixture {
                    key: "recalculate-failure",
                    label: "Failed",
                    ready: Ready::Shows("[data-testid=recalculate-failure]"),
                    make: |a| recalculate(fails(a, Endpoint::Recalculate), |r| r.start.run(())),
                },
                Fixture {
                    key: "recalculate-done",
                    label: "Done",
                    ready: Ready::Shows("[data-testid=recalculate-done]"),
                    make: |a| recalculate(typical(a), |r| r.start.run(())),
                },
            ],
        },
    ],
};

/// The dashboard's header: the actions, the auto-recharge state and the banner.
pub(super) const ACTIONS: Fixtures = Fixtures {
    key: "actions",
    title: "Header actions and banner",
    testid_prefix: "actions-",
    grid: "gallery-grid gallery-wide",
    shelves: &[Shelf {
        subject: "Header actions",
        cards: &[
            Fixture {
                key: "loading",
                label: "Loading",
                ready: Ready::Drawn,
                make: |a| actions(stalls(a, Endpoint::AutoRecharge), None),
            },
            Fixture {
                key: "error",
                label: "Settings failed",
                ready: Ready::Shows("[data-testid=auto-recharge-unavailable]"),
                make: |a| actions(fails(a, Endpoint::AutoRecharge), None),
            },
            Fixture {
                key: "off",
                label: "Auto-recharge off",
                ready: Ready::Reads("[data-testid=auto-recharge-state]", "Off"),
                make: |a| actions(typical(a), None),
            },
            Fixture {
                key: "on",
                label: "Auto-recharge on",
                ready: Ready::Reads("[data-testid=auto-recharge-state]", "On"),
                make: |a| actions(typical(a), Some(Callback::new(turn_auto_recharge_on))),
            },
        ],
    }],
};

/// A fresh default account of the card's own (the dialogs change what they show).
fn typical(a: &Accounts) -> MockClient {
    a.own(Scenario::Default)
}

/// The default account where `endpoint` never answers.
fn stalls(a: &Accounts, endpoint: Endpoint) -> MockClient {
    typical(a).variant(&[], &[endpoint])
}

/// The default account where `endpoint` fails.
fn fails(a: &Accounts, endpoint: Endpoint) -> MockClient {
    typical(a).variant(&[Failure::new(endpoint, None)], &[])
}

/// A dialog, open, with what was typed and whether it was submitted.
fn dialog(api: MockClient, input: Option<&str>, submit: bool, body: fn() -> AnyView) -> Setup {
    Setup {
        api,
        dialog: Some(DialogPreset {
            input: input.map(String::from),
            submit,
        }),
        on_ready: None,
        body: Arc::new(body),
    }
}

fn purchase(api: MockClient, input: Option<&str>, submit: bool) -> Setup {
    dialog(api, input, submit, || {
        view! { <crate::dialogs::purchase::PurchaseDialog open=RwSignal::new(true) /> }.into_any()
    })
}

fn recharge(api: MockClient, input: Option<&str>, submit: bool) -> Setup {
    dialog(api, input, submit, || {
        let answers = DashAnswers::expect();
        view! {
            <crate::dialogs::auto_recharge::AutoRechargeDialog
                open=RwSignal::new(true)
                current=Signal::derive(move || answers.recharge.state.get())
                on_retry=answers.recharge.retry
                turn_on=RwSignal::new(true)
            />
        }
        .into_any()
    })
}

/// The recalculation dialog, open, after `start` has done what the state needs.
fn recalculate(api: MockClient, start: fn(Recalculation)) -> Setup {
    Setup {
        api,
        dialog: None,
        on_ready: None,
        body: Arc::new(move || {
            let recalc = use_recalculation(false);
            start(recalc);
            view! { <RecalculateDialog open=RwSignal::new(true) recalc=recalc /> }.into_any()
        }),
    }
}

fn actions(api: MockClient, on_ready: Option<Callback<AppContext>>) -> Setup {
    Setup {
        api,
        dialog: None,
        on_ready,
        body: Arc::new(|| view! { <crate::dialogs::actions::DashboardActions /> }.into_any()),
    }
}

/// Turns auto-recharge on in the card's own account, the way the dialog's Save does.
fn turn_auto_recharge_on(app: AppContext) {
    let turn_on = use_action(move |()| {
        let api = app.api();
        async move {
            let Ok(current) = api.auto_recharge().await else {
                return;
            };
            let on = crate::api::types::AutoRechargeSettings {
                enabled: true,
                threshold_credits: current.threshold_credits,
                recharge_credits: current.recharge_credits,
                monthly_limit: current.monthly_limit,
            };
            if api.set_auto_recharge(&on).await.is_ok() {
                app.data_changed();
            }
        }
    });
    turn_on.run.run(());
}

/// A recalculation the mock has taken halfway, and then left running.
fn half_done(recalc: Recalculation) {
    let app = AppContext::expect();
    let take = use_action(move |()| {
        let api = app.api();
        async move {
            let Ok(mut job) = api.start_recalculation().await else {
                return;
            };
            while job.progress < 0.5 && job.status != JobStatus::Succeeded {
                match api.recalculation(&job.job_id).await {
                    Ok(next) => job = next,
                    Err(_) => return,
                }
            }
            recalc.state.set(RecalcState::Running(job));
        }
    });
    take.run.run(());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_has_one_address() {
        for section in [&DIALOGS, &ACTIONS] {
            let keys: Vec<_> = section.cards().map(|(_, f)| f.key).collect();
            let mut unique = keys.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(keys.len(), unique.len(), "{}", section.key);
            assert!(keys.iter().all(|k| section.has(k)));
            assert!(!section.has("nothing"));
        }
        assert_eq!(DIALOGS.cards().count(), 18);
        assert_eq!(ACTIONS.cards().count(), 4);
    }
}
