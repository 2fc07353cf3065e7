//! Serde models of the usage API v1 (docs/openapi.json). Field names follow the contract.

/// The price list and auto-recharge settings are domain types: their rules live with them.
pub use crate::domain::alerts::AlertSettings;
use crate::domain::dates::iso_date;
pub use crate::domain::pricing::{AutoRechargeSettings, Pack, Pricing};
use crate::domain::{CompareWith, Credits, DateRange, Frequency, Keyed};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A name the product shows for a value of the contract.
pub trait Labelled {
    fn label(&self) -> &'static str;
}

/// A value of an enumerated string of the contract, or the raw text of one this version does
/// not know (a newer server's new status or type). Unknown values are shown as they came,
/// never fail the answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Open<T> {
    Known(T),
    Unknown(String),
}

impl<T> From<T> for Open<T> {
    fn from(t: T) -> Self {
        Open::Known(t)
    }
}

impl<T: PartialEq> PartialEq<T> for Open<T> {
    fn eq(&self, other: &T) -> bool {
        matches!(self, Open::Known(t) if t == other)
    }
}

impl<T: Copy> Open<T> {
    /// The known value, if this is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Open::Known(t) => Some(*t),
            Open::Unknown(_) => None,
        }
    }
}

impl<T: Labelled> Open<T> {
    /// The product's name for a known value; the raw text of an unknown one.
    pub fn label(&self) -> String {
        match self {
            Open::Known(t) => t.label().to_string(),
            Open::Unknown(raw) => raw.clone(),
        }
    }
}

impl<T: Serialize> Serialize for Open<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Open::Known(t) => t.serialize(s),
            Open::Unknown(raw) => s.serialize_str(raw),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Open<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::IntoDeserializer;
        let raw = String::deserialize(d)?;
        let known: Result<T, serde::de::value::Error> =
            T::deserialize(raw.as_str().into_deserializer());
        Ok(match known {
            Ok(t) => Open::Known(t),
            Err(_) => Open::Unknown(raw),
        })
    }
}

/// The three features that consume credits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    SmartFlows,
    AiCopilot,
    AiPilots,
}

impl Keyed for Feature {
    const ALL: &'static [Feature] = &[Feature::SmartFlows, Feature::AiCopilot, Feature::AiPilots];

    /// The field name in the API's per-feature figures.
    fn key(self) -> &'static str {
        match self {
            Feature::SmartFlows => "smart_flows",
            Feature::AiCopilot => "ai_copilot",
            Feature::AiPilots => "ai_pilots",
        }
    }

    /// The legend's and the summary's name for it.
    fn label(self) -> &'static str {
        match self {
            Feature::SmartFlows => "Smart Flows",
            Feature::AiCopilot => "AI Copilot",
            Feature::AiPilots => "AI Pilots",
        }
    }
}

impl Feature {
    /// The design token of its colour (`style/tokens.css`), for the chart's lines.
    pub fn color_token(self) -> &'static str {
        match self {
            Feature::SmartFlows => "--feature-smart-flows",
            Feature::AiCopilot => "--feature-ai-copilot",
            Feature::AiPilots => "--feature-ai-pilots",
        }
    }

    /// The class that paints a swatch or a bar part in its colour.
    pub fn color_class(self) -> &'static str {
        match self {
            Feature::SmartFlows => "feature-smart-flows",
            Feature::AiCopilot => "feature-ai-copilot",
            Feature::AiPilots => "feature-ai-pilots",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub id: String,
    pub name: String,
    /// IANA time zone name; every calendar date of the API is in this zone.
    pub time_zone: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The day the account opened, when the service says: a comparison wholly before it has
    /// nothing to compare (issue 28 item 14), not a zero. An unreadable one is left out (the
    /// comparison then reads as before), not the whole account.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "iso_date::dropped_if_unreadable"
    )]
    pub opened_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    #[serde(with = "iso_date")]
    pub cycle_start: NaiveDate,
    #[serde(with = "iso_date")]
    pub cycle_end: NaiveDate,
    pub included_credits: Credits,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: String,
    pub name: String,
    pub role: String,
}

/// `GET /account`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub account: AccountInfo,
    pub plan: Plan,
    pub viewer: Viewer,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Team {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub team_id: String,
    /// `admin` or `member`; absent where the service does not say. Alerts go to admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Directory {
    /// Who may receive alerts: the admins, or everyone when the service says no one's role.
    pub fn alert_recipients(&self) -> Vec<String> {
        let no_roles = self.users.iter().all(|u| u.role.is_none());
        self.users
            .iter()
            .filter(|u| {
                no_roles
                    || u.role
                        .as_deref()
                        .is_some_and(crate::domain::alerts::is_admin_role)
            })
            .map(|u| u.email.clone())
            .collect()
    }
}

/// `GET /directory`
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub teams: Vec<Team>,
    pub users: Vec<User>,
}

/// `GET /directory/teams`: every team of the account (at most [`DirectoryTeams::MAX`]), by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryTeams {
    pub teams: Vec<Team>,
}

impl DirectoryTeams {
    /// The most teams an account has (DESIGN 11).
    pub const MAX: usize = 1000;
}

/// `GET /directory/users`: one page of the users a search, a team list or an id list finds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryUsers {
    pub users: Vec<User>,
    /// Users found, on every page.
    pub total_rows: u64,
    /// Sent back as `cursor` for the next page; null on the last.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// What `GET /directory/users` is asked: `q` (names and emails, any case), `teams`, `ids`
/// (a lookup: those users only), `limit` (1 to 500; when absent 50, or for a lookup as many as
/// its ids, up to 500) and `cursor`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct UserSearch {
    pub q: String,
    pub teams: Vec<String>,
    pub ids: Vec<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl UserSearch {
    /// Users on a page when `limit` is absent.
    pub const DEFAULT_LIMIT: u32 = 50;
}

/// A calendar range on the wire: `{"from": "...", "to": "..."}`, both included.
pub type RangeJson = DateRange;

/// `GET /credits/balance`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    pub cycle: RangeJson,
    pub free_credits: Credits,
    pub purchased_credits: Credits,
    pub total_credits: Credits,
    pub used_credits: Credits,
    /// Negative when the balance is overdrawn.
    #[serde(deserialize_with = "crate::domain::credits::signed")]
    pub remaining_credits: Credits,
    /// RFC 3339 time the figures were computed.
    pub as_of: String,
    /// What happens when the balance reaches zero; absent means `pause`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_limit: Option<Open<AtLimit>>,
    /// Credits used beyond the cycle's credits so far and what they will be billed, under the
    /// `overage` policy.
    /// An unreadable one (a negative amount) is left out, not the whole balance.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "dropped_if_unreadable"
    )]
    pub overage: Option<Overage>,
    /// The account's use per weekday and per weekend day over the four whole weeks before
    /// today, which the run-out forecast follows; absent when the account is younger. An
    /// unreadable one (negative or past the credits' bound) is left out and the forecast
    /// falls back to the cycle's average: an optional field never fails the whole balance.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "dropped_if_unreadable"
    )]
    pub pace: Option<RecentPace>,
}

/// `pace` of the balance: credits a day on weekdays and on weekend days over `from..=to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentPace {
    #[serde(with = "iso_date")]
    pub from: NaiveDate,
    #[serde(with = "iso_date")]
    pub to: NaiveDate,
    pub weekday: Credits,
    pub weekend: Credits,
}

/// The account's at-limit policy (DESIGN 14).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AtLimit {
    /// Usage stops at zero until a purchase, an auto-recharge or the next cycle refills it.
    #[default]
    Pause,
    /// Usage goes on past zero and is billed as an overage.
    Overage,
}

impl Labelled for AtLimit {
    fn label(&self) -> &'static str {
        match self {
            AtLimit::Pause => "Pause at zero",
            AtLimit::Overage => "Bill overage",
        }
    }
}

/// Usage beyond the cycle's credits, as the service bills it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overage {
    pub credits: Credits,
    /// What it will be billed, in the account's currency.
    pub amount: f64,
}

impl Balance {
    /// Credits used beyond the cycle's credits, and what they are billed if the service says:
    /// the service's overage, or a negative balance.
    pub fn over_by(&self) -> Option<(f64, Option<f64>)> {
        match &self.overage {
            Some(o) if o.credits > Credits::ZERO => Some((o.credits.as_f64(), Some(o.amount))),
            _ if self.remaining_credits < Credits::ZERO => {
                Some((-self.remaining_credits.as_f64(), None))
            }
            _ => None,
        }
    }
}

/// Credits of each feature. Every amount is checked on the way in (see `Credits`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ByFeature {
    pub smart_flows: Credits,
    pub ai_copilot: Credits,
    pub ai_pilots: Credits,
}

impl ByFeature {
    /// Each feature's credits from `credits_of`, called once per feature in `Feature::ALL` order.
    pub fn from_fn(mut credits_of: impl FnMut(Feature) -> Credits) -> Self {
        ByFeature {
            smart_flows: credits_of(Feature::SmartFlows),
            ai_copilot: credits_of(Feature::AiCopilot),
            ai_pilots: credits_of(Feature::AiPilots),
        }
    }

    pub fn get(&self, f: Feature) -> Credits {
        match f {
            Feature::SmartFlows => self.smart_flows,
            Feature::AiCopilot => self.ai_copilot,
            Feature::AiPilots => self.ai_pilots,
        }
    }

    pub fn add(&mut self, f: Feature, c: Credits) {
        match f {
            Feature::SmartFlows => self.smart_flows += c,
            Feature::AiCopilot => self.ai_copilot += c,
            Feature::AiPilots => self.ai_pilots += c,
        }
    }

    /// Each feature with its credits, in `Feature::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Feature, Credits)> {
        let copy = *self;
        Feature::ALL.iter().copied().map(move |f| (f, copy.get(f)))
    }

    pub fn total(&self) -> Credits {
        self.iter().map(|(_, c)| c).sum()
    }
}

impl std::ops::Add for ByFeature {
    type Output = ByFeature;
    fn add(self, rhs: ByFeature) -> ByFeature {
        ByFeature::from_fn(|f| self.get(f) + rhs.get(f))
    }
}

impl std::ops::AddAssign for ByFeature {
    fn add_assign(&mut self, rhs: ByFeature) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for ByFeature {
    fn sum<I: Iterator<Item = ByFeature>>(iter: I) -> ByFeature {
        iter.fold(ByFeature::default(), |sum, b| sum + b)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryFigures {
    pub range: RangeJson,
    pub total: Credits,
    pub by_feature: ByFeature,
}

/// `GET /credits/usage/summary`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageSummary {
    pub range: RangeJson,
    pub total: Credits,
    pub by_feature: ByFeature,
    pub comparison: Option<SummaryFigures>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "TimePointFields")]
pub struct TimePoint {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The bucket is still in progress (it contains today).
    pub partial: bool,
    /// On the wire the features' credits are fields of the point itself
    /// (`"smart_flows": 12.5, ...`).
    #[serde(flatten)]
    pub by_feature: ByFeature,
}

/// A time point read field by field, as the contract spells it. Reading `TimePoint` through
/// serde's `flatten` would buffer each point and lose the path of a refused amount: the error
/// would say `points[3]` instead of `points[3].smart_flows`.
#[derive(Deserialize)]
struct TimePointFields {
    #[serde(with = "iso_date")]
    start: NaiveDate,
    #[serde(with = "iso_date")]
    end: NaiveDate,
    partial: bool,
    smart_flows: Credits,
    ai_copilot: Credits,
    ai_pilots: Credits,
}

impl From<TimePointFields> for TimePoint {
    fn from(p: TimePointFields) -> Self {
        TimePoint {
            start: p.start,
            end: p.end,
            partial: p.partial,
            by_feature: ByFeature {
                smart_flows: p.smart_flows,
                ai_copilot: p.ai_copilot,
                ai_pilots: p.ai_pilots,
            },
        }
    }
}

/// `GET /credits/usage/timeseries`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeseries {
    pub range: RangeJson,
    pub frequency: Frequency,
    pub points: Vec<TimePoint>,
    /// How many buckets the answer held for days that were not asked for, and the range that
    /// was asked (see [`Timeseries::within`]). Never on the wire: the client counts them.
    #[serde(skip)]
    pub outside: Option<(usize, DateRange)>,
}

impl Timeseries {
    /// Keeps the buckets that lie wholly within `asked` and counts the others in `outside`.
    ///
    /// A server that answers with days it was not asked for (a cache keyed on the wrong range,
    /// a clock of its own) would otherwise have them drawn as if they were the range's: the
    /// chart's total would not be the summary's, and a click on such a bucket could not narrow
    /// the dashboard to it. The chart shows the asked days only and says how many it left out.
    /// A bucket with its end before its start is outside every range.
    pub fn within(mut self, asked: DateRange) -> Self {
        let before = self.points.len();
        self.points
            .retain(|p| p.start <= p.end && asked.contains(p.start) && asked.contains(p.end));
        let left_out = before - self.points.len();
        self.outside = (left_out > 0).then_some((left_out, asked));
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub input: u64,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub output: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopilotUserRow {
    pub user_id: String,
    pub user_name: String,
    pub team_id: String,
    pub team_name: String,
    pub credits: Credits,
    pub tokens: Tokens,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
}

/// A row of `copilot-users?group=team`: the subtotals of a team's users that match the query
/// and its search; the team's users themselves come with `teams=` (the team's id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopilotTeamRow {
    pub team_id: String,
    pub team_name: String,
    /// The team's users with usage in the range or the comparison range.
    pub users: u64,
    pub credits: Credits,
    pub tokens: Tokens,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowType {
    SmartFlow,
    ExecutionFlow,
}

impl Labelled for FlowType {
    fn label(&self) -> &'static str {
        match self {
            FlowType::SmartFlow => "Smart Flow",
            FlowType::ExecutionFlow => "Execution Flow",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowStatus {
    Active,
    Paused,
    Draft,
    Archived,
}

impl Labelled for FlowStatus {
    fn label(&self) -> &'static str {
        match self {
            FlowStatus::Active => "Active",
            FlowStatus::Paused => "Paused",
            FlowStatus::Draft => "Draft",
            FlowStatus::Archived => "Archived",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowRow {
    pub flow_id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub flow_type: Open<FlowType>,
    pub status: Open<FlowStatus>,
    pub credits: Credits,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
    /// The day an archived flow stopped running; it has no usage from then on. Absent where the
    /// service does not say.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub stopped_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowActionRow {
    pub action: String,
    pub flow_type: Open<FlowType>,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub executions: u64,
    pub credits: Credits,
    /// Present for token-metered (AI) actions; `credits` is then their equivalent in credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Tokens>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PilotStatus {
    Active,
    Paused,
    Disabled,
}

impl Labelled for PilotStatus {
    fn label(&self) -> &'static str {
        match self {
            PilotStatus::Active => "Active",
            PilotStatus::Paused => "Paused",
            PilotStatus::Disabled => "Disabled",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AiPilotRow {
    pub pilot_id: String,
    pub name: String,
    pub status: Open<PilotStatus>,
    pub credits: Credits,
    pub tokens: Tokens,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
    /// The day a disabled pilot stopped; it spends nothing from then on. Absent where the
    /// service does not say.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub stopped_on: Option<NaiveDate>,
}

/// The answer of every usage report: its range, the comparison range when asked, a page of its
/// rows, and over every row that matches (DESIGN 11): how many there are and their totals; and
/// where the next page starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report<R> {
    pub range: RangeJson,
    pub comparison_range: Option<RangeJson>,
    pub rows: Vec<R>,
    /// Rows that match the query's filters and search, on every page. Absent from a server
    /// that does not page its reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_rows: Option<u64>,
    /// Totals of every matching row, not of the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<ReportTotals>,
    /// Sent back as `cursor` for the next page; null on the last.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

impl<R> Report<R> {
    /// Every row in one answer: no count, no totals, no next page (an older server's answer).
    pub fn whole(range: RangeJson, comparison_range: Option<RangeJson>, rows: Vec<R>) -> Self {
        Report {
            range,
            comparison_range,
            rows,
            total_rows: None,
            totals: None,
            next_cursor: None,
        }
    }
}

/// A report's totals over every matching row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportTotals {
    pub credits: Credits,
    /// With `compare`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_credits: Option<Credits>,
    /// Where the report's rows count tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Tokens>,
    /// Where the report's rows count executions (the actions report).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::domain::credits::whole_or_none"
    )]
    pub executions: Option<u64>,
}

/// How a report's rows are asked for (DESIGN 11): their order, a search, the table's own
/// filters, and a page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ReportView {
    /// A column key of the report (`name`, `credits`, `previous_credits`, `change_pct`, and its
    /// own: `team_name`, `status`, `type`, `executions`, `tokens`); none: most credits first.
    pub sort: Option<String>,
    /// `dir=desc`; without `dir`, names and other text sort A to Z and figures largest first.
    pub desc: Option<bool>,
    /// Case-insensitive; matches names (and a Copilot user's email).
    pub q: String,
    /// Rows of these statuses only (raw keys); empty: every status.
    pub status: Vec<String>,
    /// Rows of these types only (raw keys); empty: every type.
    pub kind: Vec<String>,
    /// Rows on the page, 1 to 500; none: every row.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl ReportView {
    /// The most rows a page may ask for.
    pub const MAX_LIMIT: u32 = 500;

    /// Query-string pairs in the contract's names.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if let Some(s) = &self.sort {
            p.push(("sort", s.clone()));
        }
        if let Some(desc) = self.desc {
            p.push(("dir", if desc { "desc" } else { "asc" }.to_string()));
        }
        if !self.q.trim().is_empty() {
            p.push(("q", self.q.trim().to_string()));
        }
        if !self.status.is_empty() {
            p.push(("status", self.status.join(",")));
        }
        if !self.kind.is_empty() {
            p.push(("type", self.kind.join(",")));
        }
        if let Some(l) = self.limit {
            p.push(("limit", l.to_string()));
        }
        if let Some(c) = &self.cursor {
            p.push(("cursor", c.clone()));
        }
        p
    }
}

pub type CopilotUsers = Report<CopilotUserRow>;
/// `copilot-users?group=team`: one row a team, its users' subtotals.
pub type CopilotTeams = Report<CopilotTeamRow>;
pub type Flows = Report<FlowRow>;
pub type FlowActions = Report<FlowActionRow>;
pub type AiPilots = Report<AiPilotRow>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditEventKind {
    Purchase,
    AutoRecharge,
    CycleReset,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreditEvent {
    pub id: String,
    pub kind: Open<CreditEventKind>,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    pub at: String,
    pub credits: Credits,
}

/// `GET /credits/events`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreditEvents {
    pub range: RangeJson,
    pub events: Vec<CreditEvent>,
}

/// `POST /credits/purchases` body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurchaseRequest {
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub credits: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub id: String,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub credits: u64,
    pub price: f64,
    pub currency: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurchaseResult {
    pub purchase: Purchase,
    pub balance: Balance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub brand: String,
    pub last4: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RechargeFailure {
    pub at: String,
    pub code: String,
    pub message: String,
}

/// `GET` / `PUT /credits/auto-recharge`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoRecharge {
    pub enabled: bool,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub threshold_credits: u64,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub recharge_credits: u64,
    /// At most this many recharges per calendar month; `null` means no limit.
    pub monthly_limit: Option<u32>,
    pub payment_method: Option<PaymentMethod>,
    pub last_failure: Option<RechargeFailure>,
}

impl AutoRecharge {
    /// The rule as saved, in the shape a `PUT` sends.
    pub fn settings(&self) -> AutoRechargeSettings {
        AutoRechargeSettings {
            enabled: self.enabled,
            threshold_credits: self.threshold_credits,
            recharge_credits: self.recharge_credits,
            monthly_limit: self.monthly_limit,
        }
    }
}

/// What made an alert fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A share of the cycle's credits was used (`value` is the percentage).
    UsedPct,
    /// The remaining credits fell below a number (`value` is that number).
    BalanceBelow,
}

/// An alert that fired this cycle, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FiredAlert {
    pub kind: Open<AlertKind>,
    #[serde(deserialize_with = "crate::domain::credits::whole")]
    pub value: u64,
    pub at: String,
}

/// `GET` / `PUT /credits/alerts`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alerts {
    /// Shares of the cycle's credits (50, 75, 90, 100) that notify when reached.
    pub used_pct: Vec<u32>,
    /// Notify when the remaining credits fall below this; `null`: no such alert.
    pub balance_below: Option<u64>,
    pub recipients: Vec<String>,
    /// What fired this cycle, oldest first. Absent or `null` is read as none.
    #[serde(default, deserialize_with = "crate::types::null_as_empty")]
    pub fired: Vec<FiredAlert>,
}

impl Alerts {
    /// The rule as saved, in the shape a `PUT` sends.
    pub fn settings(&self) -> AlertSettings {
        AlertSettings {
            used_pct: self.used_pct.clone(),
            balance_below: self.balance_below,
            recipients: self.recipients.clone(),
        }
    }
}

/// Reads an optional object that is left out when it cannot be read (a wrong type, a negative
/// figure): its absence has a meaning of its own, which the client falls back to.
pub fn dropped_if_unreadable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

/// Reads `null` as an empty list.
pub fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// The kinds of balance change the credit ledger lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// The plan's credits, granted at each cycle start.
    Grant,
    Purchase,
    AutoRecharge,
    /// A day's usage (negative).
    Usage,
    /// Credits left unused at a cycle's end, which lapse (negative).
    Expiry,
    /// Credits used beyond a cycle's credits, settled at its end (positive: back to zero).
    Overdraft,
    /// Credits used beyond a cycle's credits under the `overage` policy, billed with an
    /// invoice (positive: back to zero).
    Overage,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 7] = [
        LedgerKind::Grant,
        LedgerKind::Purchase,
        LedgerKind::AutoRecharge,
        LedgerKind::Usage,
        LedgerKind::Expiry,
        LedgerKind::Overdraft,
        LedgerKind::Overage,
    ];

    /// The name on the wire (`kinds=` and `data-kind`).
    pub fn key(self) -> &'static str {
        match self {
            LedgerKind::Grant => "grant",
            LedgerKind::Purchase => "purchase",
            LedgerKind::AutoRecharge => "auto_recharge",
            LedgerKind::Usage => "usage",
            LedgerKind::Expiry => "expiry",
            LedgerKind::Overdraft => "overdraft",
            LedgerKind::Overage => "overage",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl Labelled for LedgerKind {
    fn label(&self) -> &'static str {
        match self {
            LedgerKind::Grant => "Plan credits",
            LedgerKind::Purchase => "Purchase",
            LedgerKind::AutoRecharge => "Auto-recharge",
            LedgerKind::Usage => "Usage",
            LedgerKind::Expiry => "Expired",
            LedgerKind::Overdraft => "Overdraft settled",
            LedgerKind::Overage => "Overage billed",
        }
    }
}

/// Whether a purchase or auto-recharge went through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Succeeded,
    Failed,
    Pending,
}

impl Labelled for PaymentStatus {
    fn label(&self) -> &'static str {
        match self {
            PaymentStatus::Succeeded => "Succeeded",
            PaymentStatus::Failed => "Failed",
            PaymentStatus::Pending => "Pending",
        }
    }
}

/// One change to the balance. A failed or pending top-up carries the credits it asked for and
/// leaves the balance as it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: String,
    pub kind: Open<LedgerKind>,
    /// The day in the account's time zone.
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// When, where the service knows the moment (top-ups); absent for a day's usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Signed: usage and expiry are negative.
    #[serde(deserialize_with = "crate::domain::credits::signed")]
    pub credits: Credits,
    /// The running balance after this entry.
    #[serde(deserialize_with = "crate::domain::credits::signed")]
    pub balance: Credits,
    /// A day's usage by feature (usage entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_feature: Option<ByFeature>,
    /// What was charged (top-ups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The means of payment, as the service words it ("Visa ending in 4242").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Open<PaymentStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_url: Option<String>,
}

impl LedgerEntry {
    /// An entry of `credits` on `date`, the running balance still to be set, no payment.
    pub fn new(id: String, kind: LedgerKind, date: NaiveDate, credits: Credits) -> Self {
        LedgerEntry {
            id,
            kind: kind.into(),
            date,
            at: None,
            credits,
            balance: Credits::ZERO,
            by_feature: None,
            amount: None,
            currency: None,
            method: None,
            status: None,
            receipt_url: None,
        }
    }

    /// Whether it changed the balance (a failed or pending top-up did not).
    pub fn counts(&self) -> bool {
        self.status
            .as_ref()
            .is_none_or(|s| *s == PaymentStatus::Succeeded)
    }
}

/// `GET /credits/history`: a page of the ledger, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub entries: Vec<LedgerEntry>,
    /// Pass as `cursor` for the next (older) page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// What `GET /credits/history` is asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HistoryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Empty: every kind.
    pub kinds: Vec<LedgerKind>,
    pub cursor: Option<String>,
}

impl HistoryQuery {
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if let Some(f) = self.from {
            p.push(("from", f.to_string()));
        }
        if let Some(t) = self.to {
            p.push(("to", t.to_string()));
        }
        if !self.kinds.is_empty() {
            let keys: Vec<&str> = self.kinds.iter().map(|k| k.key()).collect();
            p.push(("kinds", keys.join(",")));
        }
        if let Some(c) = &self.cursor {
            p.push(("cursor", c.clone()));
        }
        p
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
}

impl Labelled for JobStatus {
    fn label(&self) -> &'static str {
        match self {
            JobStatus::Queued => "Queued",
            JobStatus::Running => "Running",
            JobStatus::Succeeded => "Succeeded",
            JobStatus::Failed => "Failed",
        }
    }
}

/// `POST /credits/recalculate`, `GET /credits/recalculate/{job_id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecalcJob {
    pub job_id: String,
    pub status: Open<JobStatus>,
    /// 0 to 1.
    pub progress: f64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
}

/// The body of every non-2xx answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

/// The filters every usage query takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UsageQuery {
    pub range: DateRange,
    /// Team ids; empty means all teams.
    pub teams: Vec<String>,
    /// User ids; empty means all users.
    pub users: Vec<String>,
    pub compare: CompareWith,
    /// One flow's actions only (`flow_id`; the actions report, opened from a flow's row).
    pub flow: Option<String>,
}

impl UsageQuery {
    pub fn new(range: DateRange) -> Self {
        UsageQuery {
            range,
            teams: Vec::new(),
            users: Vec::new(),
            compare: CompareWith::None,
            flow: None,
        }
    }

    /// Query-string pairs in the contract's names.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("from", self.range.from.to_string()),
            ("to", self.range.to.to_string()),
        ];
        if !self.teams.is_empty() {
            p.push(("teams", self.teams.join(",")));
        }
        if !self.users.is_empty() {
            p.push(("users", self.users.join(",")));
        }
        if self.compare != CompareWith::None {
            p.push(("compare", self.compare.key().to_string()));
        }
        if let Some(f) = &self.flow {
            p.push(("flow_id", f.clone()));
        }
        p
    }
}
