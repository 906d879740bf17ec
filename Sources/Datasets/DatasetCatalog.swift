/// The datasets an experiment can name, as values: `mnist`, `fashion-mnist`, or any folder of IDX files.
public enum DatasetCatalog {
    /// MNIST (LeCun, Cortes & Burges; CC BY-SA 3.0), bundled in the repository under `data/mnist`.
    ///
    /// The checksums are the canonical SHA-256 of the decompressed IDX files (the values in
    /// `data/mnist/README.md`, which `sha256sum` of `gunzip -c` reproduces).
    public static let mnist = DatasetSource(
        name: "mnist",
        location: .bundled("mnist"),
        checksums: [
            "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        ],
        remedy: "restore data/mnist from the repository (`git checkout -- data/mnist`) "
            + "or re-copy data/mnist from the team's shared copy"
    )

    /// Where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST.
    public static let fashionMNISTFolder = "/usr/share/datasets/fashion-mnist"

    /// Fashion-MNIST (Xiao, Rasul & Vollgraf, Zalando Research, 2017; MIT licence), from Debian's package.
    public static let fashionMNIST = fashionMNIST(at: fashionMNISTFolder)

    /// Fashion-MNIST read from `folder`, for tests and unusual installations; the package advice stays.
    ///
    /// The checksums are those of the decompressed files of Zalando's release, which Debian ships unchanged.
    public static func fashionMNIST(at folder: String) -> DatasetSource {
        DatasetSource(
            name: "fashion-mnist",
            location: .installed(path: folder, package: "dataset-fashion-mnist"),
            checksums: [
                "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            ],
            remedy: "reinstall it with `apt-get install --reinstall dataset-fashion-mnist`",
            classNames: fashionMNISTClassNames
        )
    }

    /// Fashion-MNIST's labels 0...9, as Zalando's README lists them.
    public static let fashionMNISTClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// A folder of IDX files, plain or gzipped, named as `IDXRole.candidateNames` lists; nothing is pinned.
    public static func folder(_ path: String) -> DatasetSource {
        DatasetSource(name: path, location: .folder(path))
    }

    /// The names `dataset:` accepts besides a folder path.
    public static let names = ["mnist", "fashion-mnist"]

    /// The catalog entry called `name`, or nil.
    public static func named(_ name: String) -> DatasetSource? {
        switch name {
        case "mnist": mnist
        case "fashion-mnist": fashionMNIST
        default: nil
        }
    }

    /// What `dataset: VALUE` means: a catalog name, or else a folder of IDX files.
    public static func source(for value: String) -> DatasetSource {
        named(value) ?? folder(value)
    }
}
