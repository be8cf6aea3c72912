// NCT pages work without JavaScript; this file only adds small comforts.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
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
