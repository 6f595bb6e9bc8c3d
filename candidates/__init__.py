"""Roles, candidates, applications and (later) the Passion Test, referrals and shortlists."""
