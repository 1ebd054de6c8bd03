"""The provider's ids on a gift in the provider contract's own words (payments/provider.py):
a payment and its settlement, whatever the provider calls them. Renames only: no data changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("giving", "0008_donation_fundraising_attribution")]

    operations = [
        migrations.RenameField(model_name="donation", old_name="payment_intent_id", new_name="payment_id"),
        migrations.RenameField(model_name="donation", old_name="charge_id", new_name="settlement_id"),
    ]
