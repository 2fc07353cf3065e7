//! History: the credit ledger. Every change to the balance, newest first, with the running
//! balance after each: the plan's credits at each cycle start, purchases and auto-recharges,
//! each day's usage by feature, and credits that lapsed. Its filters live in the URL.
//!
//! The page (here), its filters as the URL says them (`filters`), the ledger with its paged
//! list and export (`ledger`), and how an entry reads, on screen and in CSV (`entries`).

mod entries;
mod filters;
mod ledger;

pub use entries::history_csv;

use super::billing::BillingTabs;
use crate::components::chrome::account_gate::AccountGate;
use crate::components::page_head::PageHead;
use ledger::Ledger;
use leptos::prelude::*;

/// The History page.
#[component]
pub fn HistoryPage() -> impl IntoView {
    view! {
        <PageHead
            title="Credit history"
            crumb="History"
            lead="Every change to your balance, newest first. Each cycle starts with the plan's credits; credits left unused at its end lapse."
        />
        <BillingTabs />
        <AccountGate loading="Loading your account…" render=|account| view! { <Ledger account=account /> }.into_any() />
    }
}
