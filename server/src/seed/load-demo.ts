export async function loadDemoData(_ctx: unknown): Promise<{ accountLines: string[] } | null> { return null; }
