from django.db import migrations, models


def talking_points_from_bank(apps, schema_editor):
    """Questions asked before talking points existed get them where the bank has their text."""
    from sessions_app.engines.question_bank import question_bank

    bank = question_bank()
    known = {q.text: q for family in bank.families for q in family.questions}
    known.update({q.text: q for q in bank.behavioural})
    Question = apps.get_model("sessions_app", "Question")
    for question in Question.objects.filter(text__in=list(known)).iterator():
        entry = known[question.text]
        question.topic = entry.topic
        question.talking_points = list(entry.talking_points)
        question.save(update_fields=["topic", "talking_points"])


class Migration(migrations.Migration):
    dependencies = [
        ("sessions_app", "0005_question_criteria"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="talking_points",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="question",
            name="topic",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(talking_points_from_bank, migrations.RunPython.noop),
    ]
