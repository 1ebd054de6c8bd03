#!/bin/sh
# The scheduled jobs in a container (compose.yaml's "jobs" service), on the systemd timers'
# schedule in docs/deployment.md: every 5 minutes the outbox, stopped newsletter issues, waiting payment events and expired
# event seats, every hour the payment reconciliation and events' day-before reminders, every day forgotten fundraising photos and, from 5 January
# to the end of January, last year's statements (each donor's is sent once). A failed job is
# logged and tried again at its next turn; the loop itself never stops.
set -u

run() {
    echo "jobs: manage.py $*"
    python manage.py "$@" || echo "jobs: manage.py $* failed" >&2
}

last_hour=""
last_day=""
while true; do
    run send_outbox
    run resume_newsletters
    run apply_payment_events
    run events_release_seats
    hour=$(date -u +%Y%m%d%H)
    if [ "$hour" != "$last_hour" ]; then
        run reconcile_payments
        run events_send_reminders
        last_hour=$hour
    fi
    day=$(date +%Y%m%d)
    if [ "$day" != "$last_day" ]; then
        run fundraising_forget_kept_photos
        case $(date +%m%d) in
            010[5-9] | 01[1-3][0-9]) run send_year_end_statements ;;
        esac
        last_day=$day
    fi
    sleep "${JOBS_INTERVAL_SECONDS:-300}"
done
