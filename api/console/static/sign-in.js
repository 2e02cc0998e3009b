// Sign in with Firebase Authentication's REST API (the Auth emulator locally), then trade the
// ID token for the console's session cookie. The password goes to Firebase only, never to us.
"use strict";
(function () {
  const form = document.getElementById("sign-in");
  if (!form) return;
  const status = document.getElementById("sign-in-status");
  const say = (text) => { status.textContent = text; };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("Signing in…");
    const url = form.dataset.authUrl + "/v1/accounts:signInWithPassword?key=" + encodeURIComponent(form.dataset.apiKey);
    try {
      const signIn = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: form.email.value, password: form.password.value, returnSecureToken: true }),
      });
      if (!signIn.ok) { say("That email and password did not match. Try again."); return; }
      const { idToken } = await signIn.json();
      const session = await fetch("/console/session", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": form.csrf.value },
        body: JSON.stringify({ idToken }),
      });
      if (session.status !== 204) { say("The console could not start a session. Reload the page and try again."); return; }
      window.location.assign("/console/");
    } catch (error) {
      say("Sign-in could not be reached. Check the connection and try again.");
    }
  });
})();
