#include "err.h"

const char *nct_err_name(nct_err e)
{
	switch (e) {
	case NCT_OK:
		return "ok";
	case NCT_ERR_NOMEM:
		return "out of memory";
	case NCT_ERR_INVALID:
		return "invalid";
	case NCT_ERR_NOTFOUND:
		return "not found";
	case NCT_ERR_CONFLICT:
		return "conflict";
	case NCT_ERR_DENIED:
		return "denied";
	case NCT_ERR_TOOBIG:
		return "too big";
	case NCT_ERR_DB:
		return "database error";
	case NCT_ERR_IO:
		return "i/o error";
	case NCT_ERR_UNAVAILABLE:
		return "unavailable";
	case NCT_ERR_TOOMANY:
		return "too many attempts";
	case NCT_ERR_BUSY:
		return "busy";
	}
	return "unknown error";
}
