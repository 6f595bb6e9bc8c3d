"""Analytics: the funnel and its speed, per role and for the organisation. No
self-identification data is read here (that is the fairness report's, for Compliance)."""
