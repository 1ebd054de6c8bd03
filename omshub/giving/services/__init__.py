"""Every write to a gift, by who asks for it: the donor (donor.py), the payment provider
(provider_sync.py) and staff (staff.py); what they share is in records.py."""
