import { expect } from '@open-wc/testing';
import { PORTAL_PAGES, pageFor, routeOf, splitRoute } from './pages.js';

// The portal's routes: `#/<route>` and `#/<route>/<param>`, and who may open what.

describe('portal routes', () => {
  it('cuts a route into the page and its decoded parameter, keeping a malformed escape as written', () => {
    expect(splitRoute('tokens')).to.deep.equal({ route: 'tokens' });
    expect(splitRoute('path/garden%20light')).to.deep.equal({ route: 'path', param: 'garden light' });
    expect(splitRoute('path/a/b')).to.deep.equal({ route: 'path', param: 'a/b' });
    expect(splitRoute('path/%E0%A4%A')).to.deep.equal({ route: 'path', param: '%E0%A4%A' });
    expect(routeOf('#/path/lamp')).to.equal('path/lamp');
    expect(routeOf('#reset=abc')).to.equal('');
  });

  it('opens a page only for its roles, and a parameter only on a page that takes one; anything else is the account page', () => {
    const account = PORTAL_PAGES[0];
    expect(account.route).to.equal('account');
    expect(pageFor('tokens', 'admin').route).to.equal('tokens');
    expect(pageFor('tokens', 'agent')).to.equal(account);
    expect(pageFor('tokens/extra', 'admin'), 'tokens takes no parameter').to.equal(account);
    expect(pageFor('no-such-page', 'admin')).to.equal(account);
    for (const page of PORTAL_PAGES.filter((candidate) => candidate.param)) {
      const role = page.roles[0];
      expect(pageFor(`${page.route}/some-id`, role)).to.equal(page);
    }
  });
});
