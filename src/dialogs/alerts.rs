//! Usage alerts: notify chosen admins when a share of the cycle's credits is used or the
//! balance falls below a number; and the line that says what fired this cycle.

use super::{Modal, SaveFooter};
use crate::api::types::{AlertKind, AlertSettings, Alerts, FiredAlert, Open};
use crate::components::error_notice::ErrorNotice;
use crate::domain::alerts::{read_alerts, PCT_CHOICES};
use crate::platform::format;
use crate::platform::ids::unique_id;
use crate::state::app_context::AppContext;
use crate::state::dash::DashAnswers;
use crate::state::remote::Remote;
use crate::state::write::{use_write, Write};
use leptos::prelude::*;

/// How many admins the recipients' hint names before "and N more".
const HINT_NAMES: usize = 4;

/// "75% of the cycle's credits used" / "Balance below 1,000 credits" / an unknown kind as sent;
/// `short`: "75% used" / "balance under 1,000".
fn fired_text(f: &FiredAlert, short: bool) -> String {
    let n = format::count(f.value as f64);
    match (&f.kind, short) {
        (Open::Known(AlertKind::UsedPct), false) => {
            format!("{}% of the cycle's credits used", f.value)
        }
        (Open::Known(AlertKind::UsedPct), true) => format!("{}% used", f.value),
        (Open::Known(AlertKind::BalanceBelow), false) => format!("Balance below {n} credits"),
        (Open::Known(AlertKind::BalanceBelow), true) => format!("balance under {n}"),
        (Open::Unknown(raw), _) => format!("{raw} ({n})"),
    }
}

/// The alerts that fired this cycle, in one line beside the view options; nothing when none
/// did (or while they load: the line is news, not a figure).
#[component]
pub fn AlertsFired(open: RwSignal<bool>) -> impl IntoView {
    let answers = DashAnswers::expect();
    let zone = answers.time_zone();
    let line = move || {
        let fired = answers.alerts.latest().map(|a| a.fired).unwrap_or_default();
        (!fired.is_empty()).then(|| {
            let items = fired
                .iter()
                .map(|f| format!("{} ({})", fired_text(f, true), format::moment_day(&f.at, &zone)))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <p class="alerts-fired" data-testid="alerts-fired" data-count=fired.len()>
                    <span class="alerts-fired-mark" aria-hidden="true">"●"</span>
                    <span>{format!("Alerts this cycle: {items}")}</span>
                    " "
                    <button type="button" class="btn-link" on:click=move |_| open.set(true)>"Alert settings"</button>
                </p>
            }
        })
    };
    // The live region is there from the start, so the line arriving in it is announced.
    view! { <div class="alerts-fired-slot" role="status">{line}</div> }
}

/// Fills the form from the saved rule. Shares this form does not offer cannot be shown, so they
/// are not kept.
fn fill(
    a: &Alerts,
    pct: RwSignal<Vec<u32>>,
    below: RwSignal<String>,
    recipients: RwSignal<String>,
) {
    pct.set(
        a.used_pct
            .iter()
            .copied()
            .filter(|p| PCT_CHOICES.contains(p))
            .collect(),
    );
    below.set(a.balance_below.map(|b| b.to_string()).unwrap_or_default());
    recipients.set(a.recipients.join(", "));
}

/// The recipients' hint: who can be notified (the account's admins, the first few by name).
fn recipients_hint(admins: Option<&[String]>) -> String {
    match admins {
        None => "Emails of the account's admins, separated by commas.".to_string(),
        Some([]) => "This account lists no admins to notify.".to_string(),
        Some(list) => {
            let shown = list
                .iter()
                .take(HINT_NAMES)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = list.len().saturating_sub(HINT_NAMES);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("Admins' emails, separated by commas. Admins: {shown}{tail}.")
        }
    }
}

/// A checkbox for each share of the cycle's credits the form offers.
fn pct_choices(pct: RwSignal<Vec<u32>>) -> impl IntoView {
    PCT_CHOICES
        .into_iter()
        .map(|p| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid=format!("alert-pct-{p}")
                        prop:checked=move || pct.with(|v| v.contains(&p))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            pct.update(|v| {
                                v.retain(|&x| x != p);
                                if on {
                                    v.push(p);
                                    v.sort_unstable();
                                }
                            });
                        }
                    />
                    {format!("{p}%")}
                </label>
            }
        })
        .collect_view()
}

/// The alerts that fired this cycle, with when, in the dialog.
fn fired_list(fired: &[FiredAlert], zone: &str) -> impl IntoView {
    (!fired.is_empty()).then(|| {
        view! {
            <div class="alerts-fired-list">
                <p class="field-label">"Fired this cycle"</p>
                <ul data-testid="alerts-fired-list">
                    {fired.iter().map(|f| view! { <li>{format!("{} — {}", fired_text(f, false), format::timestamp(&f.at, zone))}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// Saving the alerts: the page's alerts become the answer, and the dialog closes saying so.
fn use_save(open: RwSignal<bool>, saved: RwSignal<bool>) -> Write<AlertSettings> {
    let app = AppContext::expect();
    let current = DashAnswers::expect().alerts;
    use_write(
        move |settings: AlertSettings| {
            let api = app.api();
            async move { api.set_alerts(&settings).await }
        },
        move |answer: Alerts| {
            current.state.set(Remote::Ready(answer));
            saved.set(true);
            open.set(false);
        },
    )
}

/// "Alerts saved.", on the page once the dialog has closed.
fn saved_notice(saved: RwSignal<bool>) -> impl IntoView {
    view! {
        <p class="notice notice-ok" role="status" data-testid="alerts-saved">
            "Alerts saved."
            " "
            <button class="btn-link" on:click=move |_| saved.set(false)>"Dismiss"</button>
        </p>
    }
}

/// The alerts dialog: shares of the cycle's credits, a balance threshold, recipients.
#[component]
pub fn AlertsDialog(
    open: RwSignal<bool>,
    /// Why the viewer may not change them (not an admin), if so.
    #[prop(into)]
    denied: Signal<Option<String>>,
) -> impl IntoView {
    let answers = DashAnswers::expect();
    let zone = answers.time_zone();
    let current = answers.alerts;
    let pct = RwSignal::new(Vec::<u32>::new());
    let below = RwSignal::new(String::new());
    let recipients = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let Write {
        pending,
        failure,
        send,
    } = use_save(open, saved);
    let admins = Memo::new(move |_| {
        answers
            .directory
            .state
            .with(|d| d.latest_ref().map(|d| d.alert_recipients()))
    });
    let loaded = Memo::new(move |_| current.state.with(|c| c.latest_ref().is_some()));
    // Opening fills the form from the saved rule (a failed save keeps what was typed).
    Effect::new(move |_| {
        if open.get() && loaded.get() && failure.get_untracked().is_none() {
            if let Some(a) = current.state.with_untracked(|c| c.latest_ref().cloned()) {
                fill(&a, pct, below, recipients);
                tried.set(false);
                saved.set(false);
            }
        }
    });
    let reading = move || {
        admins.with(|a| read_alerts(&pct.get(), &below.get(), &recipients.get(), a.as_deref()))
    };
    let save = move || {
        if pending.get_untracked() || denied.get_untracked().is_some() {
            return;
        }
        tried.set(true);
        let Ok(settings) = reading() else {
            return;
        };
        send.run(settings);
    };
    let error_id = unique_id("alerts-error");
    let hint_id = unique_id("alerts-recipients-hint");
    let recipients_id = unique_id("alerts-recipients");
    let hint = move || admins.with(|a| recipients_hint(a.as_deref()));
    // Which field the message is about: the balance threshold's messages name it; the others
    // are about the recipients.
    let invalid_balance =
        move || tried.get() && matches!(reading(), Err(m) if m.contains("balance to warn"));
    let invalid = move || tried.get() && reading().is_err() && !invalid_balance();
    view! {
        <Modal open=open testid="dialog-alerts" title="Usage alerts">
            {move || match current.state.get() {
                Remote::Loading(None) => view! { <p class="muted">"Loading alerts…"</p> }.into_any(),
                Remote::Failed(e) => view! { <ErrorNotice error=e on_retry=current.retry /> }.into_any(),
                Remote::Loading(Some(a)) | Remote::Ready(a) | Remote::Stale(_, a) => {
                    let fired = a.fired.clone();
                    let zone = zone.clone();
                    let error_id = error_id.clone();
                    let hint_id = hint_id.clone();
                    let recipients_id = recipients_id.clone();
                    let described = {
                        let (e, h) = (error_id.clone(), hint_id.clone());
                        move || if invalid() { format!("{h} {e}") } else { h.clone() }
                    };
                    view! {
                        <form class="dialog-body" novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                            <p class="muted">"Email the people below when the cycle's credits reach a share you choose, or when the remaining credits fall below a number."</p>
                            <fieldset class="alert-shares">
                                <legend class="field-label">"Notify when this share of the cycle's credits is used"</legend>
                                <div class="alert-pcts">
                                    {pct_choices(pct)}
                                </div>
                            </fieldset>
                            <label class="field">
                                <span class="field-label">"Also when remaining credits fall below (optional)"</span>
                                <input class="input" inputmode="numeric" data-testid="alert-balance-below" placeholder="No balance alert"
                                    aria-invalid=move || invalid_balance().to_string()
                                    aria-describedby={
                                        let e = error_id.clone();
                                        move || invalid_balance().then(|| e.clone())
                                    }
                                    prop:value=move || below.get() on:input=move |ev| below.set(event_target_value(&ev)) />
                            </label>
                            <div class="field">
                                <label class="field-label" for=recipients_id.clone()>"Recipients"</label>
                                <input class="input" type="text" inputmode="email" autocomplete="off" data-testid="alert-recipients" id=recipients_id.clone()
                                    aria-describedby=described aria-invalid=move || invalid().to_string()
                                    prop:value=move || recipients.get() on:input=move |ev| recipients.set(event_target_value(&ev)) />
                                <span class="field-hint muted" id=hint_id.clone() data-testid="alert-recipients-hint">{hint}</span>
                            </div>
                            {move || match reading() {
                                Err(msg) if tried.get() => view! {
                                    <p class="field-error" role="alert" id=error_id.clone() data-testid="alerts-error">{msg}</p>
                                }.into_any(),
                                _ => ().into_any(),
                            }}
                            {fired_list(&fired, &zone)}
                            <SaveFooter prefix="alerts" what="The alerts were" open=open pending=pending failure=failure denied=denied />
                        </form>
                    }
                        .into_any()
                }
            }}
        </Modal>
        {move || saved.get().then(|| saved_notice(saved))}
    }
}
