/* err.h - the one error enum every fallible function returns (curl's CURLcode). */
#ifndef NCT_ERR_H
#define NCT_ERR_H

typedef enum nct_err {
	NCT_OK = 0,
	NCT_ERR_NOMEM,       /* an allocation failed */
	NCT_ERR_INVALID,     /* input is malformed or breaks a rule */
	NCT_ERR_NOTFOUND,    /* the thing asked for does not exist */
	NCT_ERR_CONFLICT,    /* it exists already, or the store changed under us */
	NCT_ERR_DENIED,      /* the caller may not do this */
	NCT_ERR_TOOBIG,      /* a hard limit was reached; nothing was truncated */
	NCT_ERR_DB,          /* the store failed */
	NCT_ERR_IO,          /* a file or socket failed */
	NCT_ERR_UNAVAILABLE, /* a service (the database server) cannot be reached now */
	NCT_ERR_TOOMANY,     /* throttled: too many attempts */
	NCT_ERR_BUSY,        /* as many of these as the server takes at once are running: later */
} nct_err;

/* A short English name for logs ("invalid", "not found"); never NULL. */
const char *nct_err_name(nct_err e);

#endif
