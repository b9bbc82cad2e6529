"""Purposes and legal bases as codes (lotse.audit.vocabulary), beside the text columns.

Existing events are not rewritten: the trail is append-only (triggers of 0003 and 0010 refuse
UPDATE). The new columns are nullable, so that SQLite adds them with ALTER TABLE ADD COLUMN
instead of rebuilding the table (a rebuild would drop the append-only triggers). Older events
keep NULL: the pages read their text back into a code where it is one lotse wrote, and show it
as recorded otherwise.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0011_alter_auditevent_event_type'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='legal_bases',
            field=models.JSONField(blank=True, null=True, verbose_name='legal bases (codes)'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='purpose_code',
            field=models.CharField(blank=True, choices=[('case_work', 'case work'), ('caseload', 'caseload'), ('start_page', 'start page'), ('search', 'search in the register'), ('registration', 'registration'), ('reassignment', 'reassignment of cases'), ('referral', 'referral or hand-over'), ('referrals', 'list of hand-overs'), ('transfer_request', 'request to take over a case'), ('emergency_access', 'emergency access'), ('consent', 'consent'), ('consent_form', 'consent form'), ('household', 'household (Bedarfsgemeinschaft)'), ('status', 'residence and benefit status'), ('benefit_switch', 'Rechtskreiswechsel'), ('duplicate_review', 'review of possible duplicates'), ('merge', 'merge of duplicates'), ('undo_merge', 'undoing a merge'), ('subject_report', 'report for the person (Art. 15 GDPR)'), ('correction_request', 'correction request (Art. 16 GDPR)'), ('data_protection_control', 'data-protection control'), ('generated_data', 'generated demo or test data'), ('integration_counselling', 'integration counselling'), ('job_placement', 'job placement and vocational training'), ('benefit_application', 'application for benefits'), ('language_course', 'language course (integration or job-related)'), ('recognition', 'recognition of foreign qualifications'), ('residence', 'residence permit for training or employment')], max_length=40, null=True, verbose_name='purpose (code)'),
        ),
    ]
