/* test_clientaddr.c - trusted proxies and X-Forwarded-For. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/clientaddr.h"

static struct netaddr addr(const char *s)
{
	struct netaddr a;
	assert_true(netaddr_parse(s, strlen(s), &a));
	return a;
}

static const char *client_of(const struct trusted_proxies *t, const char *peer, const char *xff)
{
	static char out[ADDR_TEXT_MAX];
	struct netaddr p = addr(peer);
	struct netaddr c = clientaddr_resolve(t, &p, xff);
	netaddr_format(&c, out);
	return out;
}

static struct trusted_proxies proxies(const char *a, const char *b)
{
	struct trusted_proxies t = {0};
	if (a)
		assert_true(trusted_add(&t, a));
	if (b)
		assert_true(trusted_add(&t, b));
	return t;
}

static void test_x_forwarded_for_from_an_untrusted_peer_is_ignored(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.1", NULL);
	assert_string_equal(client_of(&t, "198.51.100.9", "203.0.113.5"), "198.51.100.9");
}

static void test_a_trusted_proxy_gives_the_address_it_appended(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.1", NULL);
	assert_string_equal(client_of(&t, "10.0.0.1", "203.0.113.5"), "203.0.113.5");
}

static void test_an_address_the_client_sent_itself_is_not_taken(void **state)
{
	(void)state;
	/* the client sent "X-Forwarded-For: 1.2.3.4"; nginx appended what it saw */
	struct trusted_proxies t = proxies("10.0.0.1", NULL);
	assert_string_equal(client_of(&t, "10.0.0.1", "1.2.3.4, 203.0.113.5"), "203.0.113.5");
}

static void test_a_chain_of_trusted_proxies_is_walked_from_the_right(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.0/8", "2001:db8::/32");
	assert_string_equal(client_of(&t, "10.0.0.1", "1.2.3.4,203.0.113.5 , 10.9.9.9,2001:db8::7"),
	                    "203.0.113.5");
}

static void test_when_every_hop_is_trusted_the_left_most_is_the_client(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.0/8", NULL);
	assert_string_equal(client_of(&t, "10.0.0.1", "10.1.1.1, 10.2.2.2"), "10.1.1.1");
}

static void test_garbage_in_x_forwarded_for_stops_at_the_last_trusted_hop(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.0/8", NULL);
	assert_string_equal(client_of(&t, "10.0.0.1", "203.0.113.5, unknown"), "10.0.0.1");
	assert_string_equal(client_of(&t, "10.0.0.1", "203.0.113.5, 10.0.0.2, 1.2.3.4:80"),
	                    "10.0.0.1");
	assert_string_equal(client_of(&t, "10.0.0.1", ""), "10.0.0.1");
	assert_string_equal(client_of(&t, "10.0.0.1", NULL), "10.0.0.1");
}

static void test_an_ipv4_mapped_ipv6_address_counts_as_ipv4(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("10.0.0.1", NULL);
	assert_string_equal(client_of(&t, "::ffff:10.0.0.1", "::ffff:203.0.113.5"), "203.0.113.5");
}

static void test_networks_match_by_their_prefix(void **state)
{
	(void)state;
	struct trusted_proxies t = proxies("192.168.4.0/22", NULL);
	struct netaddr in = addr("192.168.7.255"), out = addr("192.168.8.0");
	assert_true(trusted_contains(&t, &in));
	assert_false(trusted_contains(&t, &out));
}

static void test_malformed_proxies_and_too_many_are_refused(void **state)
{
	(void)state;
	struct trusted_proxies t = {0};
	assert_false(trusted_add(&t, "nginx.local"));
	assert_false(trusted_add(&t, "10.0.0.1/33"));
	assert_false(trusted_add(&t, "10.0.0.1/"));
	assert_false(trusted_add(&t, "10.0.0.1/8x"));
	for (int i = 0; i < TRUSTED_PROXIES_MAX; i++)
		assert_true(trusted_add(&t, "10.0.0.1"));
	assert_false(trusted_add(&t, "10.0.0.2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_x_forwarded_for_from_an_untrusted_peer_is_ignored),
	    cmocka_unit_test(test_a_trusted_proxy_gives_the_address_it_appended),
	    cmocka_unit_test(test_an_address_the_client_sent_itself_is_not_taken),
	    cmocka_unit_test(test_a_chain_of_trusted_proxies_is_walked_from_the_right),
	    cmocka_unit_test(test_when_every_hop_is_trusted_the_left_most_is_the_client),
	    cmocka_unit_test(test_garbage_in_x_forwarded_for_stops_at_the_last_trusted_hop),
	    cmocka_unit_test(test_an_ipv4_mapped_ipv6_address_counts_as_ipv4),
	    cmocka_unit_test(test_networks_match_by_their_prefix),
	    cmocka_unit_test(test_malformed_proxies_and_too_many_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
