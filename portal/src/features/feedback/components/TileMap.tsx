/**
 * The place on a map from the configured tile server (FEEDBACK_TILE_URL, slippy-map {z}/{x}/{y} tiles): the 3×3 tiles
 * around the point at zoom 16 and a marker. Without a tile server the portal shows the address alone.
 */
export function TileMap({ tileUrl, latitude, longitude }: { tileUrl: string; latitude: number; longitude: number }) {
  const z = 16;
  const n = 2 ** z;
  const xf = ((longitude + 180) / 360) * n;
  const lat = (latitude * Math.PI) / 180;
  const yf = ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n;
  const [x, y] = [Math.floor(xf), Math.floor(yf)];
  const tiles = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => ({ dx, dy, src: tileUrl.replace('{z}', String(z)).replace('{x}', String(x + dx)).replace('{y}', String(y + dy)) })));
  const size = 256;
  return (
    <div role="img" aria-label={`Bản đồ vị trí ${latitude}, ${longitude}`} style={{ position: 'relative', width: '100%', maxWidth: size * 3, aspectRatio: '1', overflow: 'hidden' }}>
      {tiles.map((t) => (
        <img key={`${t.dx},${t.dy}`} src={t.src} alt="" width={size} height={size} style={{ position: 'absolute', left: `${((t.dx + 1) * 100) / 3}%`, top: `${((t.dy + 1) * 100) / 3}%`, width: '33.34%', height: '33.34%' }} />
      ))}
      <span aria-hidden="true" style={{ position: 'absolute', left: `${((xf - x + 1) * 100) / 3}%`, top: `${((yf - y + 1) * 100) / 3}%`, transform: 'translate(-50%, -100%)', fontSize: 28, color: '#c00' }}>
        ●
      </span>
    </div>
  );
}
