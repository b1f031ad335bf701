//! Rule problems in what the room records after it decides: the minimum
//! standard, the backlog's order, migrations, adoption, targets and
//! earlier decisions.

use std::collections::HashSet;

use super::control_problem;
use crate::model::{Capability, Metric, Portfolio, same_control};

/// Problems of the portfolio's own follow-up fields: the standard's
/// controls and the backlog order.
pub(super) fn portfolio_problems(portfolio: &Portfolio, report: &mut dyn FnMut(String)) {
    let mut controls: Vec<&str> = Vec::new();
    for control in &portfolio.minimum_standard {
        if control.trim().is_empty() {
            report("a control of the minimum standard has no name".to_owned());
        } else if controls.iter().any(|c| same_control(c, control)) {
            report(format!(
                "the control `{control}` is in the minimum standard twice"
            ));
        }
        controls.push(control);
        if let Some(message) = control_problem("standard's control", control, false) {
            report(message);
        }
    }
    let ids: HashSet<&str> = portfolio
        .capabilities
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut seen = HashSet::new();
    for id in &portfolio.backlog_order {
        if !ids.contains(id.as_str()) {
            report(format!(
                "the backlog order names `{id}`, which is not a capability"
            ));
        } else if !seen.insert(id.as_str()) {
            report(format!("the backlog order names `{id}` twice"));
        }
    }
}

/// Problems of one capability's follow-up fields.
pub(super) fn capability_problems(
    capability: &Capability,
    team_ids: &HashSet<&str>,
    standard: &[String],
    report: &mut dyn FnMut(String),
) {
    let mut seen = HashSet::new();
    for team in &capability.adopted_by {
        if !team_ids.contains(team.as_str()) {
            report(format!(
                "`{team}` uses the shared service but is not a known team"
            ));
        } else if !seen.insert(team.as_str()) {
            report(format!(
                "`{team}` is listed twice as using the shared service"
            ));
        }
    }
    let mut met: Vec<&str> = Vec::new();
    for control in &capability.standard_met {
        if !standard.iter().any(|c| same_control(c, control)) {
            report(format!(
                "`{control}` is met but is not a control of the minimum standard"
            ));
        } else if met.iter().any(|c| same_control(c, control)) {
            report(format!("`{control}` is listed twice as met"));
        }
        met.push(control);
    }
    let mut texts: Vec<(&str, &str, bool)> = capability
        .standard_met
        .iter()
        .map(|c| ("met control", c.as_str(), false))
        .collect();
    if let Some(migration) = &capability.migration {
        texts.push((
            "migration's target quarter",
            migration.target_quarter.as_deref().unwrap_or(""),
            false,
        ));
        texts.push(("migration guide", &migration.guide, false));
        texts.push(("migration contact", &migration.contact, false));
    }
    for past in &capability.history {
        texts.push(("earlier decision's quarter", &past.quarter, false));
        texts.push(("earlier decision's rationale", &past.rationale, true));
    }
    for (field, text, multiline) in texts {
        if let Some(message) = control_problem(field, text, multiline) {
            report(message);
        }
    }
    let mut targeted: Vec<Metric> = Vec::new();
    for target in &capability.targets {
        let metric = target.metric;
        let percent = metric.unit() == "%";
        let value = target.value;
        if !value.is_finite() || value < 0.0 || (percent && value > 100.0) {
            report(format!(
                "the target for {} must be a number from 0{}, not {value}",
                metric.label().to_lowercase(),
                if percent { " to 100" } else { " up" }
            ));
        }
        if targeted.contains(&metric) {
            report(format!("{} has two targets", metric.label().to_lowercase()));
        }
        targeted.push(metric);
    }
}
