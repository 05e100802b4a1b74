/** The listing against a loopback GitHub API: every page, the filters, and each failure in words. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeGitHub, type FakeOrgRepository } from '../helpers/fake-github.js'
import { listRepositories, ListingError, type ListOptions } from '../../src/sweep/list-repositories.js'

const TOKEN = 'ghs_sweeptoken00000000000000000000000000'
let github: FakeGitHub | undefined

afterEach(async () => {
  await github?.close()
  github = undefined
})

async function start(organizations: Record<string, FakeOrgRepository[]>): Promise<FakeGitHub> {
  github = await FakeGitHub.start({ owner: 'acme', repo: 'unused', commits: [], organizations })
  return github
}

const options = (fake: FakeGitHub, overrides: Partial<ListOptions> = {}): ListOptions => ({
  organization: 'acme',
  token: TOKEN,
  apiUrl: fake.url,
  includeArchived: false,
  includeForks: false,
  ...overrides
})

const many = (count: number): FakeOrgRepository[] =>
  Array.from({ length: count }, (_, index) => ({
    name: `repo-${String(index).padStart(3, '0')}`,
    size: index
  }))

describe('listRepositories', () => {
  it('follows every page, 100 at a time, with the token', async () => {
    const fake = await start({ acme: many(250) })
    const listing = await listRepositories(options(fake))
    expect(listing.repositories).toHaveLength(250)
    expect(listing.repositories[0]).toEqual({ fullName: 'acme/repo-000', sizeKb: 0 })
    expect(listing.repositories[249]).toEqual({ fullName: 'acme/repo-249', sizeKb: 249 })
    const requests = fake.requestsTo('/orgs/acme/repos')
    expect(requests.map(request => request.query.get('page') ?? '1')).toEqual(['1', '2', '3'])
    expect(requests.every(request => request.query.get('per_page') === '100')).toBe(true)
    expect(requests.every(request => request.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('leaves out archived repositories and forks by default, and counts them', async () => {
    const fake = await start({
      acme: [
        { name: 'web' },
        { name: 'old', archived: true },
        { name: 'old-fork', archived: true, fork: true },
        { name: 'upstream-copy', fork: true },
        { name: 'api' }
      ]
    })
    const listing = await listRepositories(options(fake))
    expect(listing.repositories.map(repo => repo.fullName)).toEqual(['acme/api', 'acme/web'])
    expect(listing.leftOut).toEqual({ archived: 2, forks: 1 })
  })

  it('includes them when asked', async () => {
    const fake = await start({
      acme: [{ name: 'web' }, { name: 'old', archived: true }, { name: 'copy', fork: true }]
    })
    const archived = await listRepositories(options(fake, { includeArchived: true }))
    expect(archived.repositories.map(repo => repo.fullName)).toEqual(['acme/old', 'acme/web'])
    const everything = await listRepositories(options(fake, { includeArchived: true, includeForks: true }))
    expect(everything.repositories.map(repo => repo.fullName)).toEqual(['acme/copy', 'acme/old', 'acme/web'])
    expect(everything.leftOut).toEqual({ archived: 0, forks: 0 })
  })

  it('says an unknown organization was not found (or is invisible to the token)', async () => {
    const fake = await start({ acme: many(1) })
    const failure = listRepositories(options(fake, { organization: 'nobody' }))
    await expect(failure).rejects.toBeInstanceOf(ListingError)
    await expect(failure).rejects.toThrow(
      'Could not list the repositories of nobody: GitHub answered 404: there is no such organization, or the token cannot see it'
    )
  })

  it('says when the rate limit is used up, and until when', async () => {
    const fake = await start({ acme: many(150) })
    fake.intercept = request =>
      request.query.get('page') === '2'
        ? {
            status: 403,
            headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' },
            body: { message: 'API rate limit exceeded for installation ID 1.' }
          }
        : undefined
    await expect(listRepositories(options(fake))).rejects.toThrow(
      "Could not list the repositories of acme: the token's API rate limit is used up until 2030-01-01T00:00:00.000Z."
    )
  })

  it("quotes GitHub's message for another refusal, on one line", async () => {
    const fake = await start({ acme: many(1) })
    fake.intercept = () => ({
      status: 403,
      body: { message: 'Resource protected by organization SAML enforcement.\n::error::forged' }
    })
    const failure = await listRepositories(options(fake)).catch((error: Error) => error)
    expect((failure as Error).message).toContain(
      'GitHub answered 403 (Resource protected by organization SAML enforcement.␊::error::forged)'
    )
  })

  it('sends no request for a name that is not an organization name', async () => {
    const fake = await start({ acme: many(1) })
    await expect(listRepositories(options(fake, { organization: '../repos/acme/x' }))).rejects.toThrow(
      'is not an organization name'
    )
    expect(fake.requests).toEqual([])
  })
})
