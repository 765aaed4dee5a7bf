import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference } from '../../src/cite/reference.js';

const families = (r: ReturnType<typeof parseReference>, k: 'author' | 'editor' = 'author') => r.fields[k]?.map((n) => n.family);

test('a book in MHRA notes: author, title, place, publisher, year, page', () => {
  const r = parseReference('Erich Wollenberg, The Red Army (London: Secker & Warburg, 1938), p. 224.');
  assert.equal(r.kind, 'full');
  assert.equal(r.fields.type, 'book');
  assert.deepEqual(families(r), ['Wollenberg']);
  assert.equal(r.fields.title, 'The Red Army');
  assert.equal(r.fields['publisher-place'], 'London');
  assert.equal(r.fields.publisher, 'Secker & Warburg');
  assert.equal(r.fields.issued, '1938');
  assert.deepEqual(r.locator, { label: 'page', value: '224' });
});

test('a journal article whose title lost its quotation marks is split from its journal by a known container', () => {
  const r = parseReference('Roger Reese, The Impact of the Great Purge on the Red Army: Wrestling with Hard Numbers The Soviet and Post-Soviet Review, 19. 1-3 (1992), 71-90 (p. 72)', {
    containers: new Set(['The Soviet and Post-Soviet Review']),
  });
  assert.equal(r.fields.type, 'article-journal');
  assert.equal(r.fields.title, 'The Impact of the Great Purge on the Red Army: Wrestling with Hard Numbers');
  assert.equal(r.fields['container-title'], 'The Soviet and Post-Soviet Review');
  assert.deepEqual([r.fields.volume, r.fields.issue, r.fields.issued, r.fields.page], ['19', '1-3', '1992', '71-90']);
  assert.equal(r.locator?.value, '72');
});

test('a chapter in an edited volume, Oxford style with italics', () => {
  const r = parseReference("Oleg Khlevniuk, 'The Objectives of the Great Terror, 1937-1938', in Julian Cooper (ed.), *Soviet History, 1917-53*, London, 1995, pp. 158-76");
  assert.equal(r.fields.type, 'chapter');
  assert.equal(r.fields.title, 'The Objectives of the Great Terror, 1937-1938');
  assert.equal(r.fields['container-title'], 'Soviet History, 1917-53');
  assert.deepEqual(families(r, 'editor'), ['Cooper']);
  assert.equal(r.fields['publisher-place'], 'London');
  assert.equal(r.fields.page, '158-76');
});

test('a chapter whose quotation marks were lost: "Title in Book, ed. by ..."', () => {
  const r = parseReference('Shimon Naveh, Tukhachesky in Stalins Generals, ed. by Harold Shukman (London: Weidenfeld & Nicolson, 1993), pp. 255-274');
  assert.equal(r.fields.type, 'chapter');
  assert.equal(r.fields.title, 'Tukhachesky');
  assert.equal(r.fields['container-title'], 'Stalins Generals');
  assert.deepEqual(families(r, 'editor'), ['Shukman']);
});

test('a newspaper article: title, paper, day month year, page', () => {
  const r = parseReference('The Purge of the Eight Russian Generals, The Manchester Guardian, 3 July 1937, p. 16.');
  assert.equal(r.fields.type, 'article-newspaper');
  assert.equal(r.fields.title, 'The Purge of the Eight Russian Generals');
  assert.equal(r.fields['container-title'], 'The Manchester Guardian');
  assert.equal(r.fields.issued, '1937-07-03');
  assert.equal(r.locator?.value, '16');
});

test('a thesis and a multi-volume document collection with the cited volume', () => {
  const t = parseReference('Neil Harvey Croll, Mikhail Tukhachevsky in the Russian Civil War (unpublished PhD thesis: University of Glasgow, 2002), p. 10');
  assert.equal(t.fields.type, 'thesis');
  assert.equal(t.fields.publisher, 'University of Glasgow');
  const c = parseReference('Reabilitatsiia: kak eto bylo, ed. by A. Artizov and others, 3 vols (Moscow: Demokratiia, 2003), II, p. 601');
  assert.equal(c.fields.type, 'collection');
  assert.equal(c.fields['number-of-volumes'], '3');
  assert.equal(c.volumeCited, 'II');
  assert.equal(c.locator?.value, '601');
  assert.deepEqual(families(c, 'editor'), ['Artizov']);
});

test('Ibid. and short forms', () => {
  const i = parseReference('Ibid., p. 167.');
  assert.equal(i.kind, 'ibid');
  assert.equal(i.locator?.value, '167');
  const s1 = parseReference('Wollenberg, p. 224');
  assert.deepEqual([s1.kind, families(s1), s1.locator?.value], ['short', ['Wollenberg'], '224']);
  const s2 = parseReference('Erickson, The Soviet High Command, p. 465');
  assert.deepEqual([s2.kind, s2.fields.title, s2.locator?.value], ['short', 'The Soviet High Command', '465']);
  const s3 = parseReference("Getty, 'Excesses Are Not Permitted', p. 126");
  assert.deepEqual([s3.kind, s3.fields.title], ['short', 'Excesses Are Not Permitted']);
  const s4 = parseReference('Getty and Naumov, The Road to Terror, pp. 473-480.');
  assert.deepEqual(families(s4), ['Getty', 'Naumov']);
});

test('Chicago: bare page after the brackets, a journal with its colon', () => {
  const b = parseReference('Fyodor Dostoevsky, *The Idiot*, trans. Constance Garnett (New York: Modern Library, 1962), 375.');
  assert.equal(b.locator?.value, '375');
  assert.deepEqual(families(b, 'translator' as 'editor'), ['Garnett']);
  const j = parseReference('Werner Benecke, “Die Allgemeine Wehrpflicht in Russland,” *Journal of Modern European History* 5, no. 2 (2007): 250–51');
  assert.equal(j.fields['container-title'], 'Journal of Modern European History');
  assert.equal(j.locator?.value, '250–51');
});

test('a personal name is split into family and given, particles kept with the family', () => {
  const r = parseReference('Mark von Hagen, Soldiers in the Proletarian Dictatorship (Ithaca: Cornell University Press, 1990)');
  assert.deepEqual(r.fields.author, [{ family: 'von Hagen', given: 'Mark' }]);
  const f = parseReference('Sheila Fitzpatrick, Stalins Peasants (New York: Oxford University Press, 1994)');
  assert.deepEqual(f.fields.author, [{ family: 'Fitzpatrick', given: 'Sheila' }]);
});
