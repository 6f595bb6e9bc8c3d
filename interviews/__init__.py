"""Core values, question bank, interview guides, scheduling, scorecards and team meets."""
