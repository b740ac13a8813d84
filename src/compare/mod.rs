//! Peer comparison (DESIGN §3): peer sets, positions among peers, indicators across peers and years.
