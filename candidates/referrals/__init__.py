"""Referrals, one feature in one folder: employees refer people they know and follow them in
plain words; recruiters accept or decline; the leaderboard. Models keep the `candidates` app
label."""
