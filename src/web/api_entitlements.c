/* api_entitlements.c - /api/v1/persons/{}/entitlements, the rules in force and
 * the admins' new dated rows; the "why" sentences. */
#include "api_entitlements.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/money.h"
#include "html.h"
#include "lookup.h"

static bool en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

void coefficient_text(int c, const char *lang, char out[16])
{
	char sep = en(lang) ? '.' : ',';
	if (c % 10 == 0)
		snprintf(out, 16, "%d%c%d", c / 100, sep, (c % 100) / 10);
	else
		snprintf(out, 16, "%d%c%02d", c / 100, sep, c % 100);
}

static void vn_date(const char *iso, char out[DATE_LEN])
{
	struct date d;
	if (date_parse(iso, &d) == NCT_OK)
		date_format_vn(d, out);
	else
		snprintf(out, DATE_LEN, "%s", iso);
}

/* One part of the sentence, after a comma when not the first. */
static void part(struct buf *b, const char *s)
{
	if (b->len)
		buf_adds(b, ", ");
	buf_adds(b, s);
}

static void age_part(struct buf *b, const struct allowance *a, const struct ent_input *in,
                     const char *lang)
{
	char d[DATE_LEN], s[160];
	struct date on;
	int from = a->rule->age_from;
	if (from < 0 || date_parse(a->age_day, &on))
		return;
	vn_date(a->age_day, d);
	snprintf(s, sizeof s, en(lang) ? "%d years old from %s" : "%d tuổi từ %s", from, d);
	part(b, s);
	if (in->birth.month == 0)
		buf_adds(b, en(lang) ? " (birth year only: counted from 1 January)"
		                     : " (chỉ biết năm sinh: tính từ 01/01)");
	else if (in->birth.day == 0)
		buf_adds(b, en(lang) ? " (birth month only: counted from its 1st)"
		                     : " (chỉ biết tháng sinh: tính từ ngày 01)");
}

void entitlement_why(const struct allowance *a, const struct ent_input *in, const char *lang,
                     char *out, size_t cap)
{
	const struct allowance_rule *r = a->rule;
	bool e = en(lang);
	struct buf b;
	char m[32], c[16], s[200];
	buf_init(&b, 2048);
	age_part(&b, a, in, lang);
	if (strcmp(r->poverty, "any") != 0)
		part(&b, strcmp(in->poverty.value, "poor") == 0
		             ? (e ? "a poor household" : "hộ nghèo")
		             : (e ? "a near-poor household" : "hộ cận nghèo"));
	if (strcmp(r->supporter, "any") != 0)
		part(&b, e ? "nobody obliged to support them" : "không có người phụng dưỡng");
	if (strcmp(r->pension, "any") != 0) {
		if (strcmp(in->pension.value, "no") == 0) {
			part(&b, e ? "no pension or monthly social-insurance allowance"
			           : "không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng");
		} else {
			money_format(in->pension_amount, m);
			snprintf(s, sizeof s,
			         e ? "a pension of %s đ, below the social pension"
			           : "lương hưu %s đ, thấp hơn mức trợ cấp hưu trí xã hội",
			         m);
			part(&b, s);
		}
	}
	if (strcmp(r->disability, "any") != 0)
		part(&b, strcmp(r->disability, "severe") == 0
		             ? (e ? "severe disability" : "khuyết tật nặng")
		             : (e ? "extremely severe disability" : "khuyết tật đặc biệt nặng"));
	if (strcmp(r->especially_difficult, "yes") == 0)
		part(&b, in->difficult_partial
		             ? (e ? "lives where an especially difficult commune was (in part)"
		                  : "sống ở địa bàn xã đặc biệt khó khăn (một phần)")
		             : (e ? "lives in an especially difficult commune or village"
		                  : "sống ở xã, thôn đặc biệt khó khăn"));
	if (strcmp(r->community_care, "yes") == 0)
		part(&b, e ? "cared for in the community" : "được nhận chăm sóc tại cộng đồng");
	coefficient_text(r->coefficient, lang, c);
	money_format(a->base, m);
	snprintf(s, sizeof s, e ? ": coefficient %s × %s đ" : ": hệ số %s × %s đ", c, m);
	buf_adds(&b, b.len ? s : s + 2);
	if (a->topup) {
		money_format(a->topup, m);
		snprintf(s, sizeof s,
		         e ? " + %s đ the province's top-up" : " + %s đ hỗ trợ thêm của tỉnh", m);
		buf_adds(&b, s);
	}
	snprintf(out, cap, "%s", buf_failed(&b) ? "" : buf_str(&b));
	buf_free(&b);
}

static json_t *nullable(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *allowance_json(const struct allowance *a, const struct ent_input *in,
                              const char *lang)
{
	char why[1024];
	entitlement_why(a, in, lang, why, sizeof why);
	const struct allowance_rule *r = a->rule;
	return json_pack("{s:s, s:s, s:I, s:f, s:I, s:I, s:s, s:s, s:s, s:b, s:s}", "code", r->code,
	                 "kind", r->kind, "amount", (json_int_t)a->amount, "coefficient",
	                 r->coefficient / 100.0, "base", (json_int_t)a->base, "topup",
	                 (json_int_t)a->topup, "since", a->since, "why", why, "legal_basis",
	                 r->legal_basis, "requires_application", r->requires_application,
	                 "verification", r->verification);
}

json_t *entitlement_json(const struct entitlement *e, const char *lang)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < e->n; i++)
		json_array_append_new(list, allowance_json(&e->eligible[i], e->in, lang));
	json_t *applies =
	    e->applies >= 0 ? allowance_json(&e->eligible[e->applies], e->in, lang) : json_null();
	json_t *comb = e->combination ? json_pack("{s:s, s:s}", "code", e->combination->code,
	                                          "legal_basis", e->combination->legal_basis)
	                              : json_null();
	return json_pack("{s:s, s:I, s:b, s:o, s:o, s:o}", "date", e->date, "amount",
	                 (json_int_t)e->amount, "dead", e->dead, "applies", applies, "eligible",
	                 list, "combination", comb);
}

void api_person_entitlements(struct req *r)
{
	struct date on;
	struct ent_input in;
	struct entitlement ent;
	struct rulebook rb;
	struct person p;
	if (!route_person(r, &p))
		return;
	if (!req_date(r, &on)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_DATE_FORMAT, "date");
		return;
	}
	nct_err e = entitlement_input(&r->x, p.id, on, &in, &r->rf);
	if (resp_refused(r, e))
		return;
	if ((e = rulebook_load(&r->x, &rb))) {
		resp_domain_error(r, e, NULL);
		return;
	}
	entitlement_eval(&rb, &in, on, &ent);
	json_t *o = entitlement_json(&ent, r->lang);
	json_object_set_new(o, "person", json_integer(p.id));
	rulebook_free(&rb);
	resp_json(r, 200, o);
}

static json_t *level_json(const struct assistance_level *l)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:I, s:s, s:o, s:o}", "id", (json_int_t)l->id,
	                 "kind", l->kind, "scope", l->scope, "valid_from", l->valid_from,
	                 "valid_to", nullable(l->valid_to), "amount", (json_int_t)l->amount,
	                 "legal_basis", l->legal_basis, "source", nullable(l->source),
	                 "verification", nullable(l->verification));
}

static json_t *age_json(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *rule_json(const struct allowance_rule *u)
{
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)u->id,
	              "code", u->code, "kind", u->kind, "valid_from", u->valid_from, "valid_to",
	              nullable(u->valid_to), "base", nullable(u->base), "coefficient",
	              u->base[0] ? json_real(u->coefficient / 100.0) : json_null(), "age_from",
	              age_json(u->age_from), "age_to", age_json(u->age_to));
	json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "poverty", u->poverty, "supporter",
	                      u->supporter, "pension", u->pension, "disability", u->disability,
	                      "especially_difficult", u->especially_difficult, "community_care",
	                      u->community_care);
	json_object_set_new(o, "conditions", c);
	json_object_set_new(o, "other_conditions", nullable(u->other_conditions));
	json_object_set_new(o, "requires_application", json_boolean(u->requires_application));
	json_object_set_new(o, "legal_basis", json_string(u->legal_basis));
	json_object_set_new(o, "article_text", nullable(u->article_text));
	json_object_set_new(o, "source", nullable(u->source));
	json_object_set_new(o, "verification", nullable(u->verification));
	return o;
}

/* ?date=: the rows in force that day; without it, every row. */
void api_allowance_rules(struct req *r)
{
	struct rulebook rb;
	struct date on;
	char day[DATE_LEN] = "";
	const char *d = req_arg(r, "date");
	if (d && d[0]) {
		if (date_parse_vn(d, &on)) {
			resp_refuse(r, NCT_ERR_INVALID, RF_DAY_FORMAT, "date");
			return;
		}
		date_format(on, day);
	}
	nct_err e = rulebook_load(&r->x, &rb);
	if (resp_failed(r, e))
		return;
	json_t *levels = json_array(), *rules = json_array();
	for (size_t i = 0; i < rb.nlevels; i++)
		if (!day[0] || rule_in_force(rb.levels[i].valid_from, rb.levels[i].valid_to, day))
			json_array_append_new(levels, level_json(&rb.levels[i]));
	for (size_t i = 0; i < rb.nrules; i++)
		if (!day[0] || rule_in_force(rb.rules[i].valid_from, rb.rules[i].valid_to, day))
			json_array_append_new(rules, rule_json(&rb.rules[i]));
	rulebook_free(&rb);
	resp_json(
	    r, 200,
	    json_pack("{s:o, s:o, s:o}", "date", nullable(day), "levels", levels, "rules", rules));
}

/* A member of the JSON body as text: a string as it is, a number written out
 * (into tmp), else NULL. */
static const char *body_text(const struct req *r, const char *key, char tmp[32])
{
	json_t *v = r->json ? json_object_get(r->json, key) : NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, 32, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	if (json_is_real(v)) {
		snprintf(tmp, 32, "%.2f", json_real_value(v));
		return tmp;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "yes" : "no";
	return NULL;
}

void api_allowance_rule_add(struct req *r)
{
	char t[20][32];
	int64_t id = 0;
	struct rule_new in = {body_text(r, "code", t[0]),
	                      body_text(r, "kind", t[1]),
	                      body_text(r, "valid_from", t[2]),
	                      body_text(r, "valid_to", t[3]),
	                      body_text(r, "base", t[4]),
	                      body_text(r, "coefficient", t[5]),
	                      body_text(r, "age_from", t[6]),
	                      body_text(r, "age_to", t[7]),
	                      body_text(r, "poverty", t[8]),
	                      body_text(r, "supporter", t[9]),
	                      body_text(r, "pension", t[10]),
	                      body_text(r, "disability", t[11]),
	                      body_text(r, "especially_difficult", t[12]),
	                      body_text(r, "community_care", t[13]),
	                      body_text(r, "other_conditions", t[14]),
	                      body_text(r, "requires_application", t[15]),
	                      body_text(r, "legal_basis", t[16]),
	                      body_text(r, "article_text", t[17]),
	                      body_text(r, "source", t[18]),
	                      body_text(r, "verification", t[19])};
	nct_err e = rule_add(&r->x, &in, &id, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_assistance_level_add(struct req *r)
{
	char t[8][32];
	int64_t id = 0;
	struct level_new in = {
	    body_text(r, "kind", t[0]),       body_text(r, "scope", t[1]),
	    body_text(r, "valid_from", t[2]), body_text(r, "valid_to", t[3]),
	    body_text(r, "amount", t[4]),     body_text(r, "legal_basis", t[5]),
	    body_text(r, "source", t[6]),     body_text(r, "verification", t[7])};
	nct_err e = level_add(&r->x, &in, &id, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

json_t *decision_json(const struct decision *d)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id, "person",
	    (json_int_t)d->person_id, "action", d->action, "number", d->number, "signed_on",
	    d->signed_on, "signer", d->signer, "signer_level", d->signer_level, "signer_place",
	    d->signer_place_code, "signer_place_name", d->signer_place_name, "month", d->month);
	json_object_set_new(o, "rule", nullable(d->rule_code));
	json_object_set_new(o, "amount", d->rule_code[0] ? json_integer(d->amount) : json_null());
	json_object_set_new(o, "channel", nullable(d->channel));
	json_object_set_new(o, "reason", nullable(d->reason));
	return o;
}

void api_person_decisions(struct req *r)
{
	struct person p;
	struct decision *v = NULL;
	size_t n = 0;
	if (!route_person(r, &p))
		return;
	nct_err e = decision_list(&r->x, p.id, &v, &n, &r->rf);
	if (resp_refused(r, e))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, decision_json(&v[i]));
	free(v);
	resp_json(r, 200, json_pack("{s:I, s:o}", "person", (json_int_t)p.id, "decisions", a));
}

void api_person_decision_add(struct req *r)
{
	struct person p;
	char t[8][32];
	int64_t id = 0;
	if (!route_person(r, &p))
		return;
	struct decision_new in = {body_text(r, "action", t[0]),    body_text(r, "number", t[1]),
	                          body_text(r, "signed_on", t[2]), body_text(r, "signer", t[3]),
	                          body_text(r, "rule", t[4]),      body_text(r, "month", t[5]),
	                          body_text(r, "channel", t[6]),   body_text(r, "reason", t[7])};
	nct_err e = decision_add(&r->x, p.id, &in, &id, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}
