//! Operating metrics per capability, to see over the quarters whether a
//! decision paid off.

use serde::{Deserialize, Serialize};

/// Measured values, each optional; units are in the names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    /// Deployments per week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployments_per_week: Option<f64>,
    /// Share of changes that fail, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_failure_rate_pct: Option<f64>,
    /// Mean time to recovery, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_time_to_recovery_hours: Option<f64>,
    /// Time to provision a new environment, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_time_hours: Option<f64>,
    /// Time for a new team to start using it, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding_time_days: Option<f64>,
    /// Share of requests handled self-service, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service_pct: Option<f64>,
    /// Manual, repetitive work per month, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toil_hours_per_month: Option<f64>,
    /// Cost per deployment, in the organisation's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_deployment: Option<f64>,
}

/// One of the metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// Deployments per week.
    DeploymentFrequency,
    /// Change failure rate.
    ChangeFailureRate,
    /// Mean time to recovery.
    MeanTimeToRecovery,
    /// Environment provisioning time.
    ProvisioningTime,
    /// Onboarding time.
    OnboardingTime,
    /// Self-service share.
    SelfService,
    /// Toil hours per month.
    Toil,
    /// Cost per deployment.
    CostPerDeployment,
}

impl Metric {
    /// Every metric, in display order.
    pub const ALL: [Self; 8] = [
        Self::DeploymentFrequency,
        Self::ChangeFailureRate,
        Self::MeanTimeToRecovery,
        Self::ProvisioningTime,
        Self::OnboardingTime,
        Self::SelfService,
        Self::Toil,
        Self::CostPerDeployment,
    ];

    /// The name shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::DeploymentFrequency => "Deployment frequency",
            Self::ChangeFailureRate => "Change failure rate",
            Self::MeanTimeToRecovery => "Mean time to recovery",
            Self::ProvisioningTime => "Environment provisioning time",
            Self::OnboardingTime => "Onboarding time",
            Self::SelfService => "Self-service share",
            Self::Toil => "Toil",
            Self::CostPerDeployment => "Cost per deployment",
        }
    }

    /// The unit.
    #[must_use]
    pub fn unit(self) -> &'static str {
        match self {
            Self::DeploymentFrequency => "per week",
            Self::ChangeFailureRate | Self::SelfService => "%",
            Self::MeanTimeToRecovery | Self::ProvisioningTime => "hours",
            Self::OnboardingTime => "days",
            Self::Toil => "hours/month",
            Self::CostPerDeployment => "per deployment",
        }
    }

    /// True when a higher value is an improvement.
    #[must_use]
    pub fn higher_is_better(self) -> bool {
        matches!(self, Self::DeploymentFrequency | Self::SelfService)
    }
}

impl Metrics {
    /// The value of one metric.
    #[must_use]
    pub fn get(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::DeploymentFrequency => self.deployments_per_week,
            Metric::ChangeFailureRate => self.change_failure_rate_pct,
            Metric::MeanTimeToRecovery => self.mean_time_to_recovery_hours,
            Metric::ProvisioningTime => self.provisioning_time_hours,
            Metric::OnboardingTime => self.onboarding_time_days,
            Metric::SelfService => self.self_service_pct,
            Metric::Toil => self.toil_hours_per_month,
            Metric::CostPerDeployment => self.cost_per_deployment,
        }
    }

    /// Sets or clears one metric.
    pub fn set(&mut self, metric: Metric, value: Option<f64>) {
        let slot = match metric {
            Metric::DeploymentFrequency => &mut self.deployments_per_week,
            Metric::ChangeFailureRate => &mut self.change_failure_rate_pct,
            Metric::MeanTimeToRecovery => &mut self.mean_time_to_recovery_hours,
            Metric::ProvisioningTime => &mut self.provisioning_time_hours,
            Metric::OnboardingTime => &mut self.onboarding_time_days,
            Metric::SelfService => &mut self.self_service_pct,
            Metric::Toil => &mut self.toil_hours_per_month,
            Metric::CostPerDeployment => &mut self.cost_per_deployment,
        };
        *slot = value;
    }

    /// True when nothing is measured.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        Metric::ALL.iter().all(|m| self.get(*m).is_none())
    }
}

/// Reads a metric as typed: a number of 0 or more, or empty for none.
///
/// # Errors
/// A message for anything else.
pub fn parse_metric(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
        _ => Err(format!("`{text}` is not a number of 0 or more")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_round_trips_through_get_and_set() {
        let mut metrics = Metrics::default();
        assert!(metrics.is_empty());
        for (i, metric) in Metric::ALL.into_iter().enumerate() {
            metrics.set(metric, Some(i as f64));
        }
        for (i, metric) in Metric::ALL.into_iter().enumerate() {
            assert_eq!(metrics.get(metric), Some(i as f64));
        }
        assert!(!metrics.is_empty());
    }

    #[test]
    fn metrics_are_typed_as_people_type_them() {
        assert_eq!(parse_metric(" 12.5 "), Ok(Some(12.5)));
        assert_eq!(parse_metric("4,5"), Ok(Some(4.5)));
        assert_eq!(parse_metric("30%"), Ok(Some(30.0)));
        assert_eq!(parse_metric(""), Ok(None));
        assert!(parse_metric("-1").is_err());
        assert!(parse_metric("NaN").is_err());
        assert!(parse_metric("fast").is_err());
    }
}
