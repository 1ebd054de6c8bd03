"""A donor's own page: a one-time emailed link opens a short session that lists every gift with its
receipt, the year-end statement of any year as a PDF, and the monthly gifts with a way to change or
stop them; the notices a donor gets when a gift is refunded or a monthly gift ends."""
