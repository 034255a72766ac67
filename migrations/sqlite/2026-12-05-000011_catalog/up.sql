-- Sellers (UMKM) of a desa: name, owner (a resident of the desa when linked), WhatsApp number
-- (+62, normalised), licences where they have them.
CREATE TABLE sellers (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    owner_name TEXT,
    resident_id TEXT,
    whatsapp TEXT NOT NULL,
    address TEXT,
    description TEXT,
    photo_id TEXT,
    nib TEXT,
    pirt TEXT,
    halal TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);

CREATE TABLE products (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    seller_id TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('makanan-minuman', 'kerajinan', 'pertanian',
        'perikanan', 'fesyen', 'jasa', 'wisata', 'lainnya')),
    -- Whole rupiah; a range when price_max is set.
    price_min BIGINT NOT NULL CHECK (price_min >= 0),
    price_max BIGINT CHECK (price_max > price_min),
    unit TEXT NOT NULL,
    -- Markdown as written; rendered and sanitised when shown.
    description TEXT NOT NULL,
    available BOOLEAN NOT NULL,
    featured BOOLEAN NOT NULL,
    published BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, seller_id) REFERENCES sellers (desa_id, id)
);
CREATE INDEX products_shown ON products (desa_id, featured, created_at) WHERE published;
CREATE INDEX products_seller ON products (desa_id, seller_id);
CREATE INDEX products_emall ON products (created_at) WHERE published AND available;

-- Up to five photos per product, in order; the files (large and thumbnail JPEG) are in the
-- file store under the photo's id.
CREATE TABLE product_photos (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, product_id) REFERENCES products (desa_id, id)
);
CREATE INDEX product_photos_product ON product_photos (desa_id, product_id, position);

-- The e-mall's index: the words of every listed (published, available) product, each with the
-- weight of the field it came from and its loose spelling, and what the e-mall filters and
-- sorts by, so that a search reads this table only. Rewritten with the product.
CREATE TABLE product_words (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    product_id TEXT NOT NULL,
    word TEXT NOT NULL,
    loose TEXT NOT NULL,
    weight SMALLINT NOT NULL,
    category TEXT NOT NULL,
    price_min BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, product_id, word),
    FOREIGN KEY (desa_id, product_id) REFERENCES products (desa_id, id)
);
CREATE INDEX product_words_word ON product_words (word);
CREATE INDEX product_words_loose ON product_words (loose);

-- A seller's account (role umkm) is tied to its seller. SQLite cannot change a CHECK, so the
-- table is rebuilt; the sessions' references are checked at commit, once the rows are back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_copy AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kabupaten_admin', 'desa_admin', 'desa_operator', 'warga', 'umkm')),
    desa_id TEXT REFERENCES desa (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    resident_id TEXT,
    regency_hold BOOLEAN NOT NULL DEFAULT FALSE,
    seller_id TEXT,
    CHECK ((role = 'kabupaten_admin') = (desa_id IS NULL)),
    CHECK ((role = 'umkm') = (seller_id IS NOT NULL))
);
INSERT INTO users (id, username, password_hash, role, desa_id, active, created_at, updated_at,
                   resident_id, regency_hold)
    SELECT id, username, password_hash, role, desa_id, active, created_at, updated_at,
           resident_id, regency_hold FROM users_copy;
DROP TABLE users_copy;
CREATE INDEX users_desa ON users (desa_id);
CREATE UNIQUE INDEX users_resident ON users (resident_id) WHERE resident_id IS NOT NULL;
