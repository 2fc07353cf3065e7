//! The actions a flow's steps are made of, and what tokens cost.

/// A step of a flow, from the action catalogue.
pub struct ActionDef {
    pub name: &'static str,
    /// Credits per execution in hundredths; AI actions are token-metered instead.
    pub unit_cents: u32,
    pub token_metered: bool,
}

pub const ACTIONS: &[ActionDef] = &[
    ActionDef {
        name: "Trigger: record created",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Trigger: field updated",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Condition: if / else",
        unit_cents: 0,
        token_metered: false,
    },
    ActionDef {
        name: "Send email",
        unit_cents: 400,
        token_metered: false,
    },
    ActionDef {
        name: "Send SMS",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Create task",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Update record",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Assign owner",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Add tag",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "Call webhook",
        unit_cents: 100,
        token_metered: false,
    },
    ActionDef {
        name: "AI: write email",
        unit_cents: 0,
        token_metered: true,
    },
    ActionDef {
        name: "AI: summarize conversation",
        unit_cents: 0,
        token_metered: true,
    },
    ActionDef {
        name: "AI: classify lead",
        unit_cents: 0,
        token_metered: true,
    },
];

/// Credits per 1,000 input tokens and per 1,000 output tokens, in hundredths.
pub const INPUT_CENTS_PER_1K: f64 = 100.0;
pub const OUTPUT_CENTS_PER_1K: f64 = 300.0;

/// Token counts equivalent to `cents` of usage for an entity whose output is `ratio` times its
/// input: inverse of credits = in/1000 * 1 + out/1000 * 3.
pub fn tokens_for(cents: u64, ratio: f32) -> (u64, u64) {
    let per_input = (INPUT_CENTS_PER_1K + OUTPUT_CENTS_PER_1K * ratio as f64) / 1000.0;
    let input = (cents as f64 / per_input).round() as u64;
    let output = (input as f64 * ratio as f64).round() as u64;
    (input, output)
}
