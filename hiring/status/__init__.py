"""The candidate's own page, reached by a signed link (/s/<token>/): where the application
stands in plain words, the Passion Test and interviews, and the candidate's own actions
(withdraw, update the phone number, download their data, ask to be erased).

The link itself (`status_url`, `application_from_status_token`) is candidates' business
(candidates/services/status_link.py), so any app can put it in an email; the page joins the
Passion Test, interviews and privacy, so it lives here in the composition app.
"""
