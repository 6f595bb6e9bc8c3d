"""The public careers site: published roles, for anyone, without an account."""
