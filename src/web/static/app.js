// NCT pages work without JavaScript; this file only adds small comforts.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	// On a phone the menu scrolls sideways: show where the page is in it (its own
	// scroll only, never the page's, which may stand at a refused field).
	var here = document.querySelector("header nav [aria-current]");
	if (here && here.parentNode && here.parentNode.parentNode) {
		var ul = here.parentNode.parentNode;
		if (ul.scrollWidth > ul.clientWidth)
			ul.scrollLeft = here.parentNode.offsetLeft - ul.offsetLeft - 16;
	}
	// Filters folded behind "Lọc" on a phone, and the club page's recent activities,
	// stand open on a wide screen.
	if (window.matchMedia && window.matchMedia("(min-width: 40rem)").matches)
		document.querySelectorAll("details.filter-box, details.wide-open").forEach(function (d) { d.open = true; });
	// Ask before disabling a user: the one action on these pages that locks someone out.
	document.querySelectorAll("form[action$='/disable']").forEach(function (f) {
		f.addEventListener("submit", function (e) {
			if (!window.confirm(document.documentElement.lang === "en"
				? "Disable this user?" : "Khoá người dùng này?")) {
				e.preventDefault();
			}
		});
	});
});
