//! The domain: portfolios of capabilities, how they are scored and what the
//! scores recommend. Nothing here knows about windows, files or egui.

mod capability;
mod changes;
mod date;
mod edit;
mod fast_hash;
mod follow_up;
mod merge;
mod metrics;
mod plan;
mod portfolio;
mod progress;
mod review;
mod rules;
mod scorecard;
mod summary;
mod validate;
mod votes;

pub use capability::{Capability, Decision, Exception, Question, Score, Scores, Zone, parse_tags};
pub use changes::{CapabilityChanges, Changed, capability_changes};
pub use date::Date;
pub use edit::{Applied, Edit};
pub(crate) use fast_hash::{FastHashMap, fast_map};
pub use follow_up::{
    Direction, HISTORY_KEPT, Migration, MigrationStatus, PastDecision, Readiness, Role, Target,
    default_standard, is_default_standard, missing_board_roles, next_quarter, quarter_name,
    quarter_of, quarter_start, same_control, start_next_quarter,
};
pub use merge::{MergeConflict, MergeError, Merged, ORDER, Pick, merge, value_text};
pub use metrics::{Metric, Metrics, parse_metric};
pub use plan::{
    BacklogItem, Investment, Plan, ReviewDue, StandardGap, advice, awaits_platform, backlog,
    is_shadow_tooling, missing_controls, on_backlog, run_by_teams,
};
pub use portfolio::{Portfolio, ScoringSettings, Team, UniqueIds, slugify, unique_id};
pub use progress::DecisionProgress;
pub use review::{
    CapabilityChange, Comparison, PortfolioDiff, QuadrantSwitch, RegisterEntry, diff,
    duplication_ranking, exceptions_register, quadrant_switches, quarter_key,
};
pub use rules::{
    Assessment, Conflict, Position, Recommendation, assess, centralization_pull, conflicts,
    conflicts_for, format_against, is_high, locate,
};
pub use scorecard::{MetricChange, Scorecard, TargetCheck, Trend};
pub use summary::Summary;
pub use validate::{
    Place, Problem, escape_controls, is_direction_control, is_forbidden_control, is_valid_id,
    validate,
};
pub use votes::{Participant, Spread, Vote, discuss_first, median, parse_vote_digits, vote_digits};
