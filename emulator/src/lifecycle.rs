//! Lazy status transitions: a resource stores its current status plus a
//! deadline and the status it reaches then; reads apply due transitions, so
//! no timer runs and a paused test sees exactly what it would have polled.

use std::time::{Duration, Instant};

use crate::enums::{InstanceAction, InstanceStatus};

/// Where a transition leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next<S> {
    /// The resource settles in this status.
    To(S),
    /// The resource disappears (end of a delete).
    Gone,
}

/// Current status and, while transitional, what comes next and when.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lifecycle<S> {
    pub status: S,
    pub pending: Option<(Instant, Next<S>)>,
}

impl<S: Copy> Lifecycle<S> {
    /// A resource at rest.
    pub(crate) fn settled(status: S) -> Self {
        Lifecycle {
            status,
            pending: None,
        }
    }

    /// A resource entering `now_status` until `delay` has passed.
    pub(crate) fn transition(now_status: S, next: Next<S>, delay: Duration) -> Self {
        Lifecycle {
            status: now_status,
            pending: Some((Instant::now() + delay, next)),
        }
    }

    /// The outcome if the deadline has passed.
    pub(crate) fn due(&self, now: Instant) -> Option<Next<S>> {
        match self.pending {
            Some((deadline, next)) if deadline <= now => Some(next),
            _ => None,
        }
    }
}

/// Actions the instance API offers in each status (contract: start from
/// `stopped`; stop from `active`, `starting`, `error`; reset from `active`).
pub(crate) fn allowed_actions(status: InstanceStatus) -> &'static [InstanceAction] {
    use InstanceAction::*;
    match status {
        InstanceStatus::Active => &[Reset, Stop],
        InstanceStatus::Stopped => &[Start],
        InstanceStatus::Starting | InstanceStatus::Error => &[Stop],
        _ => &[],
    }
}

/// The transitional and final status of an action.
pub(crate) fn action_statuses(action: InstanceAction) -> (InstanceStatus, InstanceStatus) {
    match action {
        InstanceAction::Start => (InstanceStatus::Starting, InstanceStatus::Active),
        InstanceAction::Stop => (InstanceStatus::Stopping, InstanceStatus::Stopped),
        InstanceAction::Reset => (InstanceStatus::Resetting, InstanceStatus::Active),
    }
}
