// Every test process runs in UTC, like the applications.
process.env.TZ = 'UTC';
