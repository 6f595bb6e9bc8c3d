"""The Passion Test, one feature in one folder: its models, the candidate's pages behind a
signed link (take.py, urls.py), sending and scoring (services.py, scoring.py), the psychometrics
(pure functions), the questionnaire editor, the default content, and the reads that feed the
recruiter's pages. Models keep the `candidates` app label."""
