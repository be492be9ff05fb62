// The invitee's setup form, filled in as a person would, field by field.

/** A password every policy in these tests accepts. */
export const PASSWORD = 'violet tram orbit kettle';

/** Types the form's four fields into `page` (or a locator within it). */
export async function fillSetup(page, { fullName, phone, username, password = PASSWORD }) {
  await page.getByLabel('Full name').fill(fullName);
  await page.getByLabel('Phone number').fill(phone);
  await page.getByLabel('Username').fill(username);
  await page.locator('#password').fill(password);
}
