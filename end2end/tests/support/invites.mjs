// The Super-Admin's Invites page, as the browser tests drive it.

/** The Invites table's row of `email`. */
export function inviteRow(page, email) {
  return page.getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
}

/** Invites `email` as `role` with "Invite User", from the Invites page, and waits for its row. */
export async function inviteFromDashboard(page, email, role = 'Teacher') {
  await page.getByRole('button', { name: 'Invite User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite User' });
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByLabel('Email address').fill(email);
  await dialog.getByText('No account or invitation has this address').waitFor();
  await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
  await page.getByText(`Invitation sent to ${email}.`).waitFor();
  await inviteRow(page, email).waitFor();
}
