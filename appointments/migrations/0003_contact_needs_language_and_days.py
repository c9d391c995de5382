"""The callback form's new answers: days, language and interpreter, and contact needs.

The "preferred way" (phone call or email) becomes the contact need "I would rather you
email me"; every other answer, and each request's status, is kept as it is.
"""

from django.conf import settings
from django.db import migrations, models


def email_preference_to_need(apps, schema_editor):
    CallbackRequest = apps.get_model("appointments", "CallbackRequest")
    CallbackRequest.objects.filter(contact_method="email").update(prefers_email=True)


def email_need_to_preference(apps, schema_editor):
    CallbackRequest = apps.get_model("appointments", "CallbackRequest")
    CallbackRequest.objects.filter(prefers_email=True).update(contact_method="email")


class Migration(migrations.Migration):

    dependencies = [
        ('appointments', '0002_staff_roles'),
        ('procedures', '0008_everyday_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='callbackrequest',
            name='contact_days',
            field=models.JSONField(blank=True, default=list, verbose_name='preferred days'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='hard_of_hearing',
            field=models.BooleanField(default=False, verbose_name='hard of hearing: email or text'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('other', 'Another language')], default='en', max_length=8),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='language_other',
            field=models.CharField(blank=True, max_length=40, verbose_name='other language'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='needs_interpreter',
            field=models.BooleanField(default=False, verbose_name='needs an interpreter'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='prefers_email',
            field=models.BooleanField(default=False, verbose_name='would rather be emailed'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='speech_difficulty',
            field=models.BooleanField(default=False, verbose_name='has trouble with speech'),
        ),
        migrations.AddField(
            model_name='callbackrequest',
            name='uses_relay',
            field=models.BooleanField(default=False, verbose_name='call through the relay service'),
        ),
        # "E-mail" as the preferred way becomes the "I would rather you e-mail me" need.
        migrations.RunPython(email_preference_to_need, email_need_to_preference),
        migrations.RemoveConstraint(
            model_name='callbackrequest',
            name='callback_email_when_preferred',
        ),
        migrations.RemoveField(
            model_name='callbackrequest',
            name='contact_method',
        ),
        migrations.AlterField(
            model_name='callbackrequest',
            name='contact_time',
            field=models.CharField(choices=[('any', 'Any time'), ('morning', 'Morning'), ('afternoon', 'Afternoon')], default='any', max_length=10, verbose_name='preferred time of day'),
        ),
        migrations.AlterField(
            model_name='callbackrequest',
            name='has_imaging',
            field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('not_sure', 'Not sure')], max_length=10, verbose_name='has recent MRI or CT'),
        ),
        migrations.AlterField(
            model_name='callbackrequest',
            name='has_referral',
            field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('not_sure', 'Not sure')], max_length=10, verbose_name='has a referral'),
        ),
        migrations.AddConstraint(
            model_name='callbackrequest',
            constraint=models.CheckConstraint(condition=models.Q(('prefers_email', False), models.Q(('email', ''), _negated=True), _connector='OR'), name='callback_email_when_preferred'),
        ),
        migrations.AddConstraint(
            model_name='callbackrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('language', 'other'), models.Q(('language_other', ''), _negated=True)), models.Q(models.Q(('language', 'other'), _negated=True), ('language_other', '')), _connector='OR'), name='callback_other_language_named'),
        ),
    ]
