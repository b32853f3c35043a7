/**
 * The metadata pages in a real browser (Debian's Chromium, driven by playwright-core): from
 * the index to an operation, switching format and language with the pages' own controls.
 */
import { chromium, type Browser } from 'playwright-core'
import t from 'tap'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { listenApp } from '../helpers/build-app'

const artifacts = join(__dirname, '..', '..', '..', '.artifacts')

// As root on a machine without network: no sandbox, nothing fetched in the background.
async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

t.test('from /metadata to NewDeviceToken, then to XML and to Python, in Chromium', async (t) => {
  const { baseUrl } = await listenApp(t)
  const browser = await launch()
  t.teardown(() => browser.close())
  const page = await browser.newPage({ javaScriptEnabled: false })
  const errors: string[] = []
  page.on('console', (message) => errors.push(message.text()))

  await page.goto(`${baseUrl}/metadata`)
  t.equal(await page.title(), 'Evo Voice')
  t.match(await page.locator('body').innerText(), 'The following operations are available.')
  const styled = await page.locator('table.operations th').first().evaluate((cell) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(cell).borderTopStyle)
  t.equal(styled, 'solid', 'the stylesheet is applied')

  await page.getByRole('link', { name: 'NewDeviceToken', exact: true }).click()
  t.match(page.url(), '/json/metadata?op=NewDeviceToken')
  const json = await page.locator('body').innerText()
  t.match(json, 'Create a new device token if it doesn\'t exist already')
  t.match(json, 'Required role:\tUser')
  t.match(json, 'HTTP + JSON')
  t.match(json, '{"deviceType":"Web","token":"String"}')

  await page.getByRole('button', { name: 'XML', exact: true }).click()
  t.match(page.url(), '/xml/metadata?op=NewDeviceToken')
  const xml = await page.locator('body').innerText()
  t.match(xml, 'HTTP + XML')
  t.match(xml, '<NewDeviceToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App">')
  t.match(xml, 'NewDeviceToken Parameters:')

  await page.getByRole('button', { name: 'Python', exact: true }).click()
  t.match(page.url(), '/xml/metadata?op=NewDeviceToken&lang=Python')
  const python = await page.locator('body').innerText()
  t.match(python, 'class NewDeviceToken(IPost):')
  t.match(python, 'Python NewDeviceToken DTOs')
  t.notMatch(python, 'Parameters:', 'the tables give way to the DTOs')
  t.equal(await page.getByRole('button', { name: 'Python', exact: true }).getAttribute('aria-current'), 'page')

  await page.getByRole('button', { name: 'JSV', exact: true }).click()
  t.match(page.url(), '/jsv/metadata?op=NewDeviceToken&lang=Python', 'the language stays when the format changes')
  t.match(await page.locator('body').innerText(), 'HTTP + JSV')

  await page.getByRole('button', { name: 'Metadata', exact: true }).click()
  t.match(await page.locator('body').innerText(), 'DeviceTypes Enum:')

  await page.getByRole('link', { name: '<back to all web services' }).click()
  t.equal(new URL(page.url()).pathname, '/metadata')
  t.same(errors, [], 'no console errors (the stylesheet loads under the page policy)')

  mkdirSync(artifacts, { recursive: true })
  await page.goto(`${baseUrl}/xml/metadata?op=NewDeviceToken&lang=python`)
  await page.screenshot({ path: join(artifacts, 'metadata-new-device-token.png'), fullPage: true })
  await page.goto(`${baseUrl}/metadata`)
  await page.screenshot({ path: join(artifacts, 'metadata-index.png'), fullPage: true })
})
