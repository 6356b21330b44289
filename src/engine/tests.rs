//! Engine tests across modules (quotas, ties, rescaling, caps).
