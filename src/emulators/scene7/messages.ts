/**
 * Localized `logMessage` templates. IPS localizes logMessage per request (scene7-ips.md §3.2) but
 * its catalogue is not public [U]: logType stays locale-independent and the text comes from this
 * small table, falling back to English per key and per language [I].
 */

/** The server's default locale (§3.2: authHeader/locale, then Accept-Language, then this). */
export const DEFAULT_LOCALE = 'en-US';

type Templates = Readonly<Record<string, string>>;

// English UploadSuccess / FileUpdated are Adobe's r-get-asset-job-logs example verbatim (§3.1),
// and BeginUpload its r-get-job-log-details example. `detail.value` is a job detail line that
// carries a value (a job name, a count) as its message, the same in every language.
const EN: Templates = {
  UploadSuccess: '{asset} was processed into IPS',
  FileUpdated: '{asset} was processed into IPS.',
  UploadWarning: '{asset} was processed into IPS with warnings',
  UploadError: '{asset} could not be processed into IPS',
  FileProgress: '{asset} is being processed into IPS',
  DuplicateSkipped: '{asset} was skipped because it duplicates an existing file',
  ImageServingPublishSuccess: '{asset} was published to Image Serving',
  ImageServingPublishWarning: '{asset} was published to Image Serving with warnings',
  ImageServingPublishError: '{asset} could not be published to Image Serving',
  MetadataSuccess: 'The metadata of {asset} was updated',
  MetadataFailure: 'The metadata of {asset} could not be updated',
  'aux.colorProfileMissing': 'No embedded color profile; sRGB was assumed',
  'aux.lowResolution': 'The image is {width}x{height} pixels, below the recommended 2000 pixels',
  'aux.clippingPathIgnored': 'Clipping path "{path}" was ignored',
  'aux.fontNotEmbedded': 'Font {font} is not embedded',
  'aux.pageRasterFailed': 'Page {page} could not be rasterized',
  'aux.fileTruncated': 'The file is truncated or corrupt',
  BeginUpload: 'Upload has begun!',
  EndUpload: 'Upload has ended',
  BeginImageServingPublish: 'Publish to Image Serving has begun',
  EndImageServingPublish: 'Publish to Image Serving has ended',
  BeginMetadata: 'Metadata import has begun',
  EndMetadata: 'Metadata import has ended',
  BeginDelete: 'Delete has begun',
  EndDelete: 'Delete has ended',
  DeleteSuccess: '{asset} was deleted',
  DeleteFailure: '{asset} could not be deleted',
  FatalError: 'The job stopped after a fatal error',
  'detail.value': '{value}',
};

const DE: Templates = {
  UploadSuccess: '{asset} wurde in IPS verarbeitet',
  FileUpdated: '{asset} wurde in IPS verarbeitet.',
  UploadWarning: '{asset} wurde mit Warnungen in IPS verarbeitet',
  UploadError: '{asset} konnte nicht in IPS verarbeitet werden',
  FileProgress: '{asset} wird in IPS verarbeitet',
  DuplicateSkipped: '{asset} wurde übersprungen, weil es eine vorhandene Datei dupliziert',
  ImageServingPublishSuccess: '{asset} wurde in Image Serving veröffentlicht',
  ImageServingPublishWarning: '{asset} wurde mit Warnungen in Image Serving veröffentlicht',
  ImageServingPublishError: '{asset} konnte nicht in Image Serving veröffentlicht werden',
  MetadataSuccess: 'Die Metadaten von {asset} wurden aktualisiert',
  MetadataFailure: 'Die Metadaten von {asset} konnten nicht aktualisiert werden',
  'aux.colorProfileMissing': 'Kein eingebettetes Farbprofil; sRGB wurde angenommen',
  'aux.lowResolution':
    'Das Bild hat {width}x{height} Pixel, weniger als die empfohlenen 2000 Pixel',
  'aux.clippingPathIgnored': 'Beschneidungspfad "{path}" wurde ignoriert',
  'aux.fontNotEmbedded': 'Schrift {font} ist nicht eingebettet',
  'aux.pageRasterFailed': 'Seite {page} konnte nicht gerastert werden',
  'aux.fileTruncated': 'Die Datei ist abgeschnitten oder beschädigt',
  BeginUpload: 'Upload hat begonnen!',
  EndUpload: 'Upload ist beendet',
  BeginImageServingPublish: 'Veröffentlichung in Image Serving hat begonnen',
  EndImageServingPublish: 'Veröffentlichung in Image Serving ist beendet',
  BeginMetadata: 'Metadatenimport hat begonnen',
  EndMetadata: 'Metadatenimport ist beendet',
  BeginDelete: 'Löschen hat begonnen',
  EndDelete: 'Löschen ist beendet',
  DeleteSuccess: '{asset} wurde gelöscht',
  DeleteFailure: '{asset} konnte nicht gelöscht werden',
  FatalError: 'Der Job wurde nach einem schwerwiegenden Fehler abgebrochen',
  'detail.value': '{value}',
};

const FR: Templates = {
  UploadSuccess: '{asset} a été traité dans IPS',
  FileUpdated: '{asset} a été traité dans IPS.',
  UploadWarning: '{asset} a été traité dans IPS avec des avertissements',
  UploadError: "{asset} n'a pas pu être traité dans IPS",
  FileProgress: '{asset} est en cours de traitement dans IPS',
  DuplicateSkipped: '{asset} a été ignoré car il duplique un fichier existant',
  ImageServingPublishSuccess: '{asset} a été publié sur Image Serving',
  ImageServingPublishWarning: '{asset} a été publié sur Image Serving avec des avertissements',
  ImageServingPublishError: "{asset} n'a pas pu être publié sur Image Serving",
  MetadataSuccess: 'Les métadonnées de {asset} ont été mises à jour',
  MetadataFailure: "Les métadonnées de {asset} n'ont pas pu être mises à jour",
  'aux.colorProfileMissing': 'Aucun profil colorimétrique incorporé ; sRGB a été supposé',
  'aux.lowResolution':
    "L'image mesure {width}x{height} pixels, moins que les 2000 pixels conseillés",
  'aux.clippingPathIgnored': 'Le tracé de détourage "{path}" a été ignoré',
  'aux.fontNotEmbedded': "La police {font} n'est pas incorporée",
  'aux.pageRasterFailed': "La page {page} n'a pas pu être pixellisée",
  'aux.fileTruncated': 'Le fichier est tronqué ou endommagé',
  BeginUpload: 'Le chargement a commencé !',
  EndUpload: 'Le chargement est terminé',
  BeginImageServingPublish: 'La publication sur Image Serving a commencé',
  EndImageServingPublish: 'La publication sur Image Serving est terminée',
  BeginMetadata: "L'import des métadonnées a commencé",
  EndMetadata: "L'import des métadonnées est terminé",
  BeginDelete: 'La suppression a commencé',
  EndDelete: 'La suppression est terminée',
  DeleteSuccess: '{asset} a été supprimé',
  DeleteFailure: "{asset} n'a pas pu être supprimé",
  FatalError: "Le job s'est arrêté après une erreur fatale",
  'detail.value': '{value}',
};

const JA: Templates = {
  UploadSuccess: '{asset} は IPS で処理されました',
  FileUpdated: '{asset} は IPS で処理されました。',
  UploadWarning: '{asset} は警告付きで IPS で処理されました',
  UploadError: '{asset} を IPS で処理できませんでした',
  FileProgress: '{asset} は IPS で処理中です',
  DuplicateSkipped: '{asset} は既存のファイルと重複するためスキップされました',
  ImageServingPublishSuccess: '{asset} は Image Serving に公開されました',
  ImageServingPublishWarning: '{asset} は警告付きで Image Serving に公開されました',
  ImageServingPublishError: '{asset} を Image Serving に公開できませんでした',
  MetadataSuccess: '{asset} のメタデータが更新されました',
  MetadataFailure: '{asset} のメタデータを更新できませんでした',
  'aux.colorProfileMissing': '埋め込みカラープロファイルがないため sRGB とみなしました',
  'aux.lowResolution': '画像は {width}x{height} ピクセルで、推奨の 2000 ピクセル未満です',
  'aux.clippingPathIgnored': 'クリッピングパス "{path}" は無視されました',
  'aux.fontNotEmbedded': 'フォント {font} が埋め込まれていません',
  'aux.pageRasterFailed': '{page} ページをラスタライズできませんでした',
  'aux.fileTruncated': 'ファイルが途中で切れているか破損しています',
  BeginUpload: 'アップロードを開始しました',
  EndUpload: 'アップロードが終了しました',
  BeginImageServingPublish: 'Image Serving への公開を開始しました',
  EndImageServingPublish: 'Image Serving への公開が終了しました',
  BeginMetadata: 'メタデータのインポートを開始しました',
  EndMetadata: 'メタデータのインポートが終了しました',
  BeginDelete: '削除を開始しました',
  EndDelete: '削除が終了しました',
  DeleteSuccess: '{asset} を削除しました',
  DeleteFailure: '{asset} を削除できませんでした',
  FatalError: '致命的なエラーによりジョブが停止しました',
  'detail.value': '{value}',
};

const TEMPLATES: ReadonlyMap<string, Templates> = new Map([
  ['en', EN],
  ['de', DE],
  ['fr', FR],
  ['ja', JA],
]);

/** Languages with their own templates. */
export const MESSAGE_LANGUAGES: readonly string[] = [...TEMPLATES.keys()];

/** Every template key (the English table is complete by definition). */
export const MESSAGE_KEYS: readonly string[] = Object.keys(EN);

/** Returns the template of one language, or undefined when that language lacks the key. */
export function messageTemplate(language: string, key: string): string | undefined {
  const table = TEMPLATES.get(language);
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Resolves the request locale in IPS order (§3.2): `authHeader/locale`, then the preferred
 * `Accept-Language` tag (as a Java servlet's getLocale() would pick it), then en-US.
 */
export function resolveLocale(headerLocale: string | null, acceptLanguage?: string): string {
  if (headerLocale !== null && headerLocale.trim() !== '') return headerLocale.trim();
  return preferredLanguageTag(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** Renders a message key with its arguments in a locale, falling back to English. */
export function renderLogMessage(
  key: string,
  args: Readonly<Record<string, string>>,
  locale: string,
): string {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const template = messageTemplate(language, key) ?? messageTemplate('en', key) ?? key;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(args, name) ? (args[name] ?? '') : placeholder,
  );
}

function preferredLanguageTag(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let best: { tag: string; q: number } | undefined;
  for (const part of header.split(',')) {
    const [rawTag, ...params] = part.split(';');
    const tag = rawTag?.trim() ?? '';
    if (tag === '' || tag === '*' || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === undefined || q > best.q)) best = { tag, q };
  }
  return best?.tag;
}
