package com.shopkhaos.archfixture.model;

import jakarta.inject.Inject;

/** Breaks the model rule on purpose: a model class using CDI. */
public class ImpureModel {
    @Inject
    Object something;
}
